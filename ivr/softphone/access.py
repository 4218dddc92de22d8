"""Who may use the browser softphone: anyone in development, in production only whom a hook allows."""

from flask import current_app

# Production hook: a callable with no arguments, run inside a request, returning the signed-in
# supervisor's name (or any truthy value) when the softphone may be used, else None/False.
# The console wires it, e.g. `softphone_access.set_hook(signed_in_supervisor)` (ivr/console/__init__.py).
_hook = None


def set_hook(hook):
    """Let `hook()` decide for production (None: nobody there)."""
    global _hook
    _hook = hook


def softphone_allowed():
    """True in development; elsewhere only when the hook names a signed-in supervisor."""
    if current_app.config["IVR_ENV"] == "development":
        return True
    return bool(_hook and _hook())


def softphone_owner():
    """Whose calls these are: the hook's name in production, nobody in particular in development."""
    if current_app.config["IVR_ENV"] == "development" or _hook is None:
        return None
    who = _hook()
    return str(who)[:64] if isinstance(who, str) else None
