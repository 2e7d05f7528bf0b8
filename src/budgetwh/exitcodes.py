"""Process exit codes: a scheduler decides what to do from these alone, so they are part of the CLI contract
(documented in the README) and never reused for another meaning."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1  # a bug or an environment problem: read the log
    USAGE = 2  # wrong command-line arguments (argparse's own code)
    BAD_INPUT = 3  # a raw document or reference seed was rejected; nothing was published
    MODEL_FAILURE = 4  # dbt seed/run/test failed on the candidate warehouse; nothing was published
    QUALITY_GATE = 5  # Great Expectations checkpoint failed; nothing was published
    LOCKED = 6  # another build holds the lock; this run did nothing
    PAGES_FAILURE = 7  # the Evidence site failed to build; nothing was published
