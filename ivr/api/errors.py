"""The card API's refusals."""


class ApiError(Exception):
    """A request refused with an HTTP status and a JSON body saying why; nothing was changed."""

    def __init__(self, status, error, reason, **extra):
        super().__init__(reason)
        self.status = status
        self.body = {"error": error, "reason": reason, **extra}
