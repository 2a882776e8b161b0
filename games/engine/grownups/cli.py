"""``letterplay report | export | import | class-list``: the progress commands (no window needed)."""
from __future__ import annotations

import argparse
import os
import sys
import time

COMMANDS = ("report", "export", "import", "class-list")


def main(argv) -> int:
    p = argparse.ArgumentParser(prog="letterplay", description="Children's progress: reports and moving records.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="write class.csv and one printable A4 page (PNG) per child")
    r.add_argument("--out", required=True, metavar="DIR")
    r.add_argument("--class", dest="class_name", metavar="NAME", help="only this class")
    e = sub.add_parser("export", help="write this computer's records to a file (to merge on another)")
    e.add_argument("--out", required=True, metavar="FILE")
    i = sub.add_parser("import", help="merge records exported on another computer (nothing is counted twice)")
    i.add_argument("file", metavar="FILE")
    c = sub.add_parser("class-list", help="import or export a class list (CSV, one name a line)")
    c.add_argument("action", choices=("import", "export"))
    c.add_argument("file", metavar="FILE")
    c.add_argument("--class", dest="class_name", required=True, metavar="NAME")
    args = p.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from games.engine.records.progress import Progress
    progress = Progress.open()
    if progress.problem:
        print(f"letterplay: {progress.problem}", file=sys.stderr)
    try:
        return _run(args, progress)
    except (ValueError, OSError) as err:
        print(f"letterplay: {err}", file=sys.stderr)
        return 1
    finally:
        progress.close()


def _find_class(store, name):
    from games.engine.records.names import same_name
    for c in store.classes():
        if same_name(c.name) == same_name(name):
            return c
    raise ValueError(f"no class called {name!r}; the classes are: {', '.join(c.name for c in store.classes()) or 'none yet'}")


def _run(args, progress) -> int:
    store = progress.store
    if args.command == "report":
        from games.engine.grownups.report import write_report
        class_id = _find_class(store, args.class_name).id if args.class_name else None
        start = time.perf_counter()
        paths = write_report(progress, args.out, class_id)
        print(f"wrote {len(paths)} files to {args.out} ({len(paths) - 1} children) in {time.perf_counter() - start:.2f} s")
    elif args.command == "export":
        n = store.export_file(args.out)
        print(f"exported {len(store.children())} children and {n} answers to {args.out}")
    elif args.command == "import":
        counts = store.import_file(args.file)
        print("merged {file}: {children_added} children added, {children_matched} already here, "
              "{answers_added} answers added, {answers_already_here} already here"
              .format(file=args.file, **counts)
              + (f", {counts['children_skipped_deleted']} deleted children left out" if counts["children_skipped_deleted"] else "")
              + (f", {counts['children_damaged']} damaged children and {counts['answers_damaged']} damaged answers "
                 "left out" if counts["children_damaged"] or counts["answers_damaged"] else ""))
    else:
        from games.engine.records.classlist import export_names, import_names, read_names
        if args.action == "import":
            names = read_names(args.file)   # a file that cannot be used leaves no empty class behind
            cls = store.add_class(args.class_name)
            added, there = import_names(store, cls.id, names)
            print(f"{cls.name}: {added} children added, {there} already there")
        else:
            n = export_names(store, _find_class(store, args.class_name).id, args.file)
            print(f"wrote {n} names to {args.file}")
    return 0
