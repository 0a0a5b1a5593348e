// Parallel per test method. An attribute cannot read playwright.config.json, so this is only the
// ceiling; `workers` (or PLAYWRIGHT_WORKERS) sets how many tests drive the browser at once, through
// E2ERun.BrowserSlots.
[assembly: Parallelize(Workers = 8, Scope = ExecutionScope.MethodLevel)]
