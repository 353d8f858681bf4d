import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-16" id="main">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">403</p>
      <h1 className="mt-1 text-lg font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your role does not include it. If you need it for your work, ask an administrator.
      </p>
      <Link href="/overview" className="mt-4 inline-block text-sm font-medium text-sky-700 underline">
        Back to the overview
      </Link>
    </main>
  );
}
