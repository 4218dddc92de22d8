"""Outgoing SMS: the outbox (queue, cancel) and the gateways that deliver it."""
