-- The app's time budgets for its role, so they hold on every server connection pgbouncer opens
-- (a pooler in transaction mode refuses them as startup parameters; see README, "Behind pgbouncer").
ALTER ROLE colloquy SET statement_timeout = '10s';
ALTER ROLE colloquy SET idle_in_transaction_session_timeout = '30s';
