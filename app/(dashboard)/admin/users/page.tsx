import type { Metadata } from "next";
import { connection } from "next/server";
import { CreateUserForm, UserRoleForm, UserStatusForm } from "@/components/admin/user-forms";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requireRole } from "@/lib/auth/guards";
import { ROLE_LABELS, USER_ROLES } from "@/lib/auth/roles";
import { formatDateTimeUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Users" };

const ROLE_OPTIONS = USER_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export default async function UsersPage() {
  await connection();
  const me = await requireRole("users:manage");
  const users = await listUsers(await getDb());
  return (
    <>
      <PageHeader title="Users">
        Create users, change roles, deactivate. Deactivating ends the user&apos;s sessions at once. Every
        change is in the audit log.
      </PageHeader>
      <div className="space-y-4">
        <Card
          id="create-user"
          title="Create a user"
          description="Hand the first password over in person; SSO users sign in with the same email."
        >
          <CreateUserForm roles={ROLE_OPTIONS} />
        </Card>
        <Card id="users" title={`${users.length} users`}>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th numeric>Active sessions</Th>
                <Th>Created (UTC)</Th>
                <Th>Access</Th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.email}`}>
                  <Th scope="row">{u.email}</Th>
                  <Td>{u.name}</Td>
                  <Td>
                    <UserRoleForm userId={u.id} email={u.email} role={u.role} roles={ROLE_OPTIONS} />
                  </Td>
                  <Td>
                    {u.deactivated ? (
                      <Badge tone="danger">Deactivated</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </Td>
                  <Td numeric>{u.activeSessions}</Td>
                  <Td className="whitespace-nowrap">{formatDateTimeUtc(u.createdAt)}</Td>
                  <Td>
                    <UserStatusForm
                      key={String(u.deactivated)}
                      userId={u.id}
                      email={u.email}
                      deactivated={u.deactivated}
                      self={u.id === me.userId}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
