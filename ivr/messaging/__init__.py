"""Outgoing SMS: the outbox (`outbox`: queue, cancel), its texts and rules, dispatch and settlement,
and the gateways that deliver it (console, file, Twilio)."""
