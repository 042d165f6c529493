import asyncio


def attempt(label, fn):
    try:
        fn()
    except RuntimeError as e:
        print(label, "-> RuntimeError:", e)


attempt("get_running_loop", asyncio.get_running_loop)
attempt("current_task", asyncio.current_task)
attempt("all_tasks", asyncio.all_tasks)
attempt("timeout()", lambda: asyncio.timeout(1))
print("_get_running_loop:", asyncio._get_running_loop())
