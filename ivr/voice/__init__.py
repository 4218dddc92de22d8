"""The telephony edge: each engine's signature check (`signature`), the step runner every voice
webhook goes through (`webhook`: `voice_step`, `verified_step`; `hooks` for the queue's hooks, the
status callback and the operator line), the `Turn` a step is handed (`turns`) and what a step calls
on a wrong entry or a stale request (`turn_taking`: `retry_or_give_up`, `out_of_step`), a call's
place kept by CallSid and written by each commit (`calls.commit`) and read back
(`call_log`), what the caller chose (`answers`), and the reply rendered for the asking engine
(`twiml`, `jambonz`, `replies`)."""
