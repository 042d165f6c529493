# io cannot be imported (its open is the same as the builtin).
import io
io.open("/etc/passwd")
