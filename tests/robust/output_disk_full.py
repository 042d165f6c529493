# Standard output is /dev/full (NAME.stdout = full): the first print
# raises OSError: [Errno 28] No space left on device.
print("hello")
print("never")
