# -*- coding: utf-8 -*-
"""Writing the deployment zip: streamed entries, a fixed timestamp, and the ``lib/`` bootstrap.

The platform runs ``python <program.main>`` in the unzipped folder, so only
that folder is on ``sys.path``. The zip therefore carries a small bootstrap,
:data:`BOOTSTRAP_NAME`, that puts ``lib/`` (the vendored tcex and six and any
package the App ships there) on ``sys.path`` and runs the App's own main script
as ``__main__``; the packaged ``install.conf`` names the bootstrap as
``program.main`` (an ``install.json`` as ``programMain``: ``tcex_main`` when the
App's own value has no extension, tcex's ``"programMain": "run"`` convention).
The App's code needs no ``sys.path`` lines and runs unchanged (``__file__`` and
``sys.argv[0]`` are its own script's path).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import io
import json
import os
import re
import shutil
import struct
import zipfile

import six

#: The bootstrap's name at the zip root.
BOOTSTRAP_NAME = 'tcex_main.py'

#: Fixed timestamp of every zip entry (the zip format's earliest date).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_CHUNK = 1 << 20
_ZIP64_LIMIT = (1 << 31) - (1 << 20)

BOOTSTRAP = '''# -*- coding: utf-8 -*-
"""Written by ``tcex package``: puts lib/ on sys.path, then runs the App's main script {main!r}."""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)
MAIN = os.path.join(HERE, *{parts!r})
if os.path.dirname(MAIN) not in sys.path:  # as "python <main>" would: its folder's modules import
    sys.path.insert(0, os.path.dirname(MAIN))
sys.argv[0] = MAIN
if __name__ == '__main__':
    runpy.run_path(MAIN, run_name='__main__')
'''

_MAIN_LINE = re.compile(r'^(?P<key>[ \t]*program\.main[ \t]*=[ \t]*)(?P<value>[^\r\n]*?)(?P<end>[ \t]*)$',
                        re.MULTILINE)

_JSON_MAIN = re.compile(r'(?P<key>"programMain"\s*:\s*)"(?:[^"\\]|\\.)*"')


def bootstrap_source(program_main):
    """Return the bootstrap's source text for the App's main script (a zip path such as ``app.py``)."""
    parts = [str(part) for part in program_main.split('/')]
    return BOOTSTRAP.format(main=str(program_main), parts=parts)


def install_conf_with_bootstrap(text):
    """Return install.conf text whose ``program.main`` names :data:`BOOTSTRAP_NAME` (the rest unchanged)."""
    return _MAIN_LINE.sub(lambda match: match.group('key') + BOOTSTRAP_NAME + match.group('end'), text, count=1)


def install_json_with_bootstrap(text):
    """Return install.json text whose top-level ``programMain`` names the bootstrap (the rest unchanged).

    The value is replaced in place in the text, so key order, spacing and every
    other value stay byte for byte; the result is checked by parsing both texts.
    ``tcex_main`` is written when the App's value has no ``.py`` extension
    (``"run"`` means ``run.py``), else ``tcex_main.py``. When the in-place edit
    cannot be checked (an unusual layout), the JSON is dumped again with indent 2.
    """
    data = json.loads(text, object_pairs_hook=collections.OrderedDict)
    main = data.get('programMain')
    bootstrap = BOOTSTRAP_NAME if six.text_type(main).lower().endswith('.py') else BOOTSTRAP_NAME[:-3]
    expected = collections.OrderedDict(data)
    expected['programMain'] = bootstrap
    new_text, count = _JSON_MAIN.subn(
        lambda match: match.group('key') + json.dumps(bootstrap), text, count=1)
    if count and json.loads(new_text, object_pairs_hook=collections.OrderedDict) == expected:
        return new_text
    return json.dumps(expected, indent=2, separators=(',', ': ')) + '\n'


def zip_info(arcname, executable=False):
    """Return the :class:`zipfile.ZipInfo` of an entry: fixed date, deflated, 0644 or 0755."""
    info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100000 | (0o755 if executable else 0o644)) << 16
    return info


def write_text(archive, arcname, text):
    """Add a generated text entry (UTF-8)."""
    archive.writestr(zip_info(arcname), text.encode('utf-8'))


def write_file(archive, path, arcname):
    """Add a file, streamed in blocks (a file of any size takes a few MB of memory).

    Args:
        archive (zipfile.ZipFile): Open for writing (``allowZip64=True``).
        path (str): The file.
        arcname (str): Its name in the zip.
    """
    info = zip_info(arcname, executable=os.access(path, os.X_OK))
    if six.PY2:  # pragma: no cover - exercised by the py27 env (no ZipFile.open(mode='w'))
        _write_file_py2(archive, path, info)
        return
    size = os.path.getsize(path)
    with io.open(path, 'rb') as source:
        with archive.open(info, 'w', force_zip64=size >= _ZIP64_LIMIT) as target:
            shutil.copyfileobj(source, target, _CHUNK)


def _write_file_py2(archive, path, info):  # pragma: no cover - Python 2 only
    """``ZipFile.write`` streams but stamps the file's own date: set the fixed one after it."""
    archive.write(path, info.filename, zipfile.ZIP_DEFLATED)
    written = archive.getinfo(info.filename)
    written.date_time = info.date_time
    written.external_attr = info.external_attr
    year, month, day, hour, minute, second = info.date_time
    stamp = struct.pack(str('<HH'), (hour << 11) | (minute << 5) | (second // 2),
                        ((year - 1980) << 9) | (month << 5) | day)
    end = archive.fp.tell()
    archive.fp.seek(written.header_offset + 10)  # local header: signature, version, flags, method, time, date
    archive.fp.write(stamp)
    archive.fp.seek(end)
