"""The telephony edge: Twilio's signature check (`signature`), the step runner every voice webhook
goes through (`webhook`), a call's place kept by CallSid (`calls`) and the reply rendered as TwiML
(`twiml`)."""
