"""Import one module in this (fresh) interpreter and report any import cycle met on the way.

Run as `python import_alone.py MODULE [PACKAGE]` by test_code_structure.py. A cycle is a module of PACKAGE (default
budgetwh) that is imported again while its own top-level code is still running, by a module that is not inside it:
Python then hands out a half-initialised module, which works or breaks depending on which module was imported first.
Prints one JSON line: {"module": ..., "cycles": [[outer, ..., inner, outer], ...]}; exits 1 if the import failed."""

from __future__ import annotations

import builtins
import importlib
import importlib.machinery
import importlib.util
import json
import sys

module, package = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "budgetwh")
running: list[str] = []  # modules of the package whose top-level code is executing, outermost first
cycles: list[list[str]] = []


class Tracker:
    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if name.split(".")[0] != package:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(mod: object, run=run, name=name) -> None:
            running.append(name)
            try:
                run(mod)
            finally:
                running.pop()

        spec.loader.exec_module = exec_module
        return spec


real_import = builtins.__import__


def tracking_import(name, globals=None, locals=None, fromlist=(), level=0):
    if running:
        base = importlib.util.resolve_name("." * level + name, (globals or {}).get("__package__")) if level else name
        importer = running[-1]
        for target in [base, *(f"{base}.{f}" for f in fromlist or () if f != "*")]:
            if target in running and target != importer and not importer.startswith(target + "."):
                cycles.append([*running[running.index(target) :], target])
    return real_import(name, globals, locals, fromlist, level)


sys.meta_path.insert(0, Tracker)
builtins.__import__ = tracking_import
try:
    importlib.import_module(module)
    failed = ""
except Exception as exc:  # reported, not raised: the test prints every module that fails
    failed = f"{type(exc).__name__}: {exc}"
print(json.dumps({"module": module, "cycles": cycles, "error": failed}))
sys.exit(1 if failed else 0)
