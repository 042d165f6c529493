while True pass
