import asyncio

print("CancelledError is BaseException:", issubclass(asyncio.CancelledError, BaseException))
print("CancelledError is Exception:", issubclass(asyncio.CancelledError, Exception))
print("asyncio.TimeoutError is TimeoutError:", asyncio.TimeoutError is TimeoutError)
print("InvalidStateError is Exception:", issubclass(asyncio.InvalidStateError, Exception))
print("QueueEmpty is Exception:", issubclass(asyncio.QueueEmpty, Exception))
print("names:", asyncio.CancelledError.__name__, asyncio.InvalidStateError.__name__)
