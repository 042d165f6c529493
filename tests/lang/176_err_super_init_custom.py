class AppError(Exception):
    pass
class DatabaseError(AppError):
    def __init__(self, table, msg):
        super().__init__(f"{table}: {msg}")
        self.table = table
try:
    raise DatabaseError("users", "locked")
except AppError as e:
    print("caught", e, e.table)
raise DatabaseError("orders", "timeout")
