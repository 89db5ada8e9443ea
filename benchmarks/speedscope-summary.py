#!/usr/bin/env python3
"""Where the GSM analyzer's callbacks spend their wall time, from a dotnet-trace sample.

Record (from benchmarks/Benchmarks/bin/Release/net10.0, after a Release build):
    dotnet-trace collect --show-child-io --profile dotnet-sampled-thread-time --format Speedscope \
        -o /tmp/gsm.nettrace -- ./GlobalStepMigration.Benchmarks --repeat 1 --no-fix --only "GSM analyzers, legacy"
then:
    python3 benchmarks/speedscope-summary.py /tmp/gsm.speedscope.json [ROOT_FRAME_TEXT]

The sampler records every managed thread every millisecond whether or not the thread has a core, so the
time under a frame is wall time, as Roslyn's telemetry measures it (a thread waiting for a core or for a
garbage collection is charged to the frame it is in). Printed: the time inside the analyzer's frames by
callback; the analyzer's frames by inclusive time; and for each of its innermost frames, what it called
(Roslyn, the BCL, or CPU_TIME for its own code). With ROOT_FRAME_TEXT, the call tree under the first frame
whose name contains it (for example "SymbolAnalysisContext.ReportDiagnostic").
"""
import collections
import json
import sys

OURS = "GlobalStepMigration.Analyzers!"


def callback_of(name):
    if "GlobalStepAnalyzer+<>c" in name:
        return "compilation or symbol start"
    if "UnitCollector.Report(" in name:
        return "symbol end"
    if "UnitCollector.Analyze" in name:
        return "operation " + name.split("UnitCollector.")[1].split("(")[0]
    return None


def stacks(profile):
    """Yields (stack, milliseconds) for each interval of an evented speedscope profile."""
    stack, last = [], None
    for event in profile["events"]:
        if last is not None and stack:
            yield stack, event["at"] - last
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack and stack[-1] == event["frame"]:
            stack.pop()
        elif event["frame"] in stack:
            del stack[len(stack) - 1 - stack[::-1].index(event["frame"]):]


def main():
    data = json.load(open(sys.argv[1]))
    frames = [frame["name"] for frame in data["shared"]["frames"]]
    ours = {i for i, name in enumerate(frames) if OURS in name}
    callbacks = {i: callback_of(name) for i, name in enumerate(frames)}
    root = sys.argv[2] if len(sys.argv) > 2 else None
    roots = {i for i, name in enumerate(frames) if root and root in name}
    by_callback, inclusive, callees, tree = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    for profile in data["profiles"]:
        for stack, ms in stacks(profile):
            mine = [i for i, frame in enumerate(stack) if frame in ours]
            if mine:
                kind = next((callbacks[f] for f in stack if callbacks[f]), "other")
                by_callback[kind] += ms
                for frame in set(stack) & ours:
                    inclusive[frame] += ms
                innermost = mine[-1]
                callees[(stack[innermost], stack[innermost + 1] if innermost + 1 < len(stack) else None)] += ms
            hits = [i for i, frame in enumerate(stack) if frame in roots]
            if hits:
                path = tuple(stack[hits[0]:hits[0] + 12])
                for k in range(1, len(path) + 1):
                    tree[path[:k]] += ms

    short = lambda i: frames[i].split("!", 1)[-1][:140]
    print(f"wall ms inside the analyzer's frames: {sum(by_callback.values()):.0f}")
    for kind, ms in by_callback.most_common():
        print(f"  {ms:7.0f}  {kind}")
    print("\nanalyzer frames, inclusive wall ms")
    for frame, ms in inclusive.most_common(25):
        print(f"  {ms:7.0f}  {short(frame)}")
    print("\ninnermost analyzer frame -> what it was running")
    for (frame, callee), ms in callees.most_common(25):
        print(f"  {ms:7.0f}  {short(frame)[:70]} -> {short(callee) if callee is not None else 'itself'}")
    if root:
        print(f"\ncall tree under '{root}'")

        def show(prefix, depth):
            children = [(p, ms) for p, ms in tree.items() if len(p) == len(prefix) + 1 and p[:len(prefix)] == prefix]
            for path, ms in sorted(children, key=lambda item: -item[1]):
                if ms >= 3:
                    print(f"  {'  ' * depth}{ms:.0f} {short(path[-1])}")
                    show(path, depth + 1)

        show((), 0)


if __name__ == "__main__":
    main()
