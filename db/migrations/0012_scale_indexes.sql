CREATE INDEX "token_events_kind_idx" ON "token_events" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "alerts_time_idx" ON "alerts" USING btree ("block_time","id");--> statement-breakpoint
CREATE INDEX "alerts_addresses_gin" ON "alerts" USING gin ("addresses");--> statement-breakpoint
CREATE INDEX "alerts_entity_ids_gin" ON "alerts" USING gin ("entity_ids");--> statement-breakpoint
CREATE INDEX "alerts_assignee_idx" ON "alerts" USING btree ("assignee") WHERE "alerts"."assignee" is not null;