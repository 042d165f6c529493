# The obvious escape: open() does not exist.
print(open("/etc/passwd").read())
