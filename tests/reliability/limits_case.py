# -*- coding: utf-8 -*-
"""One oversized-input case, run in a fresh interpreter so its memory growth can be measured.

``python limits_case.py <case> <temp folder>`` prints one JSON line: ``outcome`` (``accepted`` or
the error class), ``message``, ``rss_growth_mb`` (peak RSS growth over the baseline taken after
the imports) and case details.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tcex.batch import Batch  # noqa: E402
from tcex.errors import TcExError  # noqa: E402

TEN_MB = 10 * 1024 * 1024
KIB = 1024.0 if sys.platform != 'darwin' else 1024.0 * 1024.0


def peak_mb():
    """Peak resident set size of this process so far, in MB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` would also count the
    parent's resident set at the time it forked this process.
    """
    try:
        with open('/proc/self/status') as handle:
            for line in handle:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except (IOError, OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB


def current_mb():
    """Current resident set size in MB (``/proc`` on Linux; the peak elsewhere)."""
    try:
        with open('/proc/self/statm') as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf(str('SC_PAGE_SIZE')) / (1024.0 * 1024.0)
    except (IOError, OSError, ValueError, IndexError):
        return peak_mb()


def attribute_10mb(batch):
    """A 10 MB attribute value on an Adversary, then chunked for the API."""
    group = batch.adversary('big attribute', xid='limits-big-attribute')
    group.attribute('Description', 'x' * TEN_MB)
    return list(batch.iter_chunks(max_bytes=2000000))


def tags_100000(batch):
    """An Address carrying 100,000 tags, then chunked for the API."""
    indicator = batch.address('10.9.8.7')
    for number in range(100000):
        indicator.tag('tag-{:06d}'.format(number))
    return list(batch.iter_chunks(max_bytes=2000000))


CASES = {'attribute_10mb': attribute_10mb, 'tags_100000': tags_100000}


def main(case, folder):
    """Run one case and print its JSON line."""
    batch = Batch('Demo Organization', temp_path=folder)
    baseline = current_mb()
    result = {'case': case}
    try:
        chunks = CASES[case](batch)
        result.update(outcome='accepted', message='', chunks=len(chunks),
                      sizes=[len(c.payload) for c in chunks])
    except TcExError as exc:
        result.update(outcome=type(exc).__name__, message=str(exc))
    finally:
        batch.close()
    result['rss_growth_mb'] = peak_mb() - baseline
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
