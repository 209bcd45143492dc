# -*- coding: utf-8 -*-
"""Uploading Document and Report content after the batch job created the groups.

``POST /v2/groups/{documents|reports}/{xid}/upload?owner=<owner>`` with the raw bytes;
when the API refuses the POST because content already exists, the same content is sent
with ``PUT``, which replaces it (API reference, section 4).

Content given as a callback is fetched only here, at upload time. Content that is a file
object is streamed from the file; an iterator of byte strings is spooled to a temporary
file (kept in memory up to 8 MiB) and streamed from there, so large content never needs
to be held in memory as one string.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import tempfile

import six
from six.moves.urllib.parse import quote

from tcex.batch.submit.states import FileState
from tcex.errors import ApiError, TcExError
from tcex.session.session import api_error

logger = logging.getLogger('tcex.batch.submit')

_BRANCHES = {'Document': 'documents', 'Report': 'reports'}
SPOOL_BYTES = 8 * 1024 * 1024


def _body(content):
    """Turn content into something requests can send (bytes or a seekable file)."""
    if content is None:
        return b''
    if isinstance(content, six.text_type):
        return content.encode('utf-8')
    if isinstance(content, (six.binary_type, bytearray)):
        return bytes(content)
    if hasattr(content, 'read'):
        return content
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    for piece in content:
        spool.write(piece.encode('utf-8') if isinstance(piece, six.text_type) else piece)
    spool.seek(0)
    return spool


def _rewind(body):
    if hasattr(body, 'seek'):
        body.seek(0)


def upload_file(session, owner, xid, group_type, content):
    """Upload one Document's or Report's content.

    Args:
        session (TcSession): The API session.
        owner (str): The owner the batch wrote to.
        xid (str): The group's xid.
        group_type (str): ``Document`` or ``Report``.
        content: bytes, text, a file object, an iterable of bytes, or a callable
            ``callback(xid)`` returning one of those (called now, once).

    Returns:
        dict: ``{"xid", "type", "method", "status": "Success"|"Failed", "statusCode", "message"}``.
    """
    result = {'xid': xid, 'type': group_type, 'method': 'POST', 'status': 'Failed', 'statusCode': None,
              'message': ''}
    branch = _BRANCHES.get(group_type)
    if branch is None:
        result['message'] = 'type {} has no file content'.format(group_type)
        return result
    try:
        if callable(content):
            content = content(xid)
        body = _body(content)
    except Exception as exc:  # user callback: report it against the xid and carry on
        result['message'] = ' '.join('content callback for {} {} failed: {}'.format(group_type, xid, exc).split())
        logger.error(result['message'])
        return result
    path = '/v2/groups/{}/{}/upload'.format(branch, quote(xid, safe=''))
    headers = {'Content-Type': 'application/octet-stream'}
    try:
        # A repeated upload stores the same bytes again (or is refused and then PUT), so
        # the upload is safe to retry after a dropped connection.
        response = session.post(path, params={'owner': owner}, data=body, headers=headers, idempotent=True)
        if response.status_code == 400 and 'exist' in response.text.lower():
            _rewind(body)
            result['method'] = 'PUT'
            response = session.put(path, params={'owner': owner}, data=body, headers=headers)
        result['statusCode'] = response.status_code
        if 200 <= response.status_code < 300:
            result['status'] = 'Success'
        else:
            result['message'] = six.text_type(api_error(response, 'upload {} {}'.format(group_type, xid)))
    except ApiError as exc:
        result['message'] = ' '.join(six.text_type(exc).split())
    except TcExError:
        raise
    finally:
        if body is not content and hasattr(body, 'close'):
            body.close()  # our spool file
    if result['status'] == 'Success':
        logger.debug('uploaded %s %s content (%s)', group_type, xid, result['method'])
    else:
        logger.warning('%s', result['message'])
    return result


def upload_files(session, owner, files, journal=None):
    """Upload the content of every Document and Report.

    Args:
        session (TcSession): The API session.
        owner (str): The owner.
        files (iterable): ``(xid, group_type, content)`` tuples (``batch.iter_files()``).
        journal (Journal): When given, uploads journaled as done are skipped and new
            outcomes are journaled.

    Content given again for a file an earlier run already uploaded is not sent again.

    Returns:
        list: One result dict per file (see :func:`upload_file`), with the journaled results
        of an interrupted earlier run that it did not return.
    """
    results = []
    for xid, group_type, content in files:
        if journal is not None and journal.file_status(xid) in (FileState.UPLOADED, FileState.DONE):
            continue
        result = upload_file(session, owner, xid, group_type, content)
        if journal is not None:
            journal.record_file(xid, FileState.UPLOADED if result['status'] == 'Success' else FileState.FAILED, result)
        else:
            results.append(result)
    if journal is not None:
        results = journal.file_results()
    return results


def failed_uploads(results):
    """Return the upload results that did not succeed."""
    return [result for result in results if result.get('status') != 'Success']


def upload_contents(session, batch, store, journal):
    """Upload the content of every Document and Report of a batch; keep in the store what failed.

    Content callbacks are called here, once per file. Uploads already done by an
    interrupted earlier run on the same store are not repeated. A Delete job uploads
    nothing (the content given is dropped).

    Args:
        session (TcSession): The API session.
        batch (tcex.batch.Batch): The batch (its owner, job config and contents).
        store (tcex.batch.store.Store): Its store.
        journal (Journal): The submit journal.

    Returns:
        list: One dict per file: xid, type, method (POST or PUT), status
        (``Success``/``Failed``), statusCode, message.
    """
    if batch.config.identity_only:  # a Delete job: the Groups are gone, their content with them
        dropped = [xid for xid, _, _, _ in store.iter_files()]
        if dropped:
            logger.info('batch: a Delete job uploads no content; %d content(s) dropped', len(dropped))
            store.delete_files(dropped)
        return []
    results = upload_files(session, batch.owner, batch.iter_files(), journal)
    store.delete_files([r['xid'] for r in results if r.get('status') == 'Success'])
    journal.drop_uploaded_content()  # given again, uploaded by an earlier run
    if not failed_uploads(results):
        journal.clear_files()
    return results


def forget_failed_again(store, journal, failed):
    """Forget content an earlier run gave that failed again and that this run did not give."""
    stale = [item['xid'] for item in failed if item.get('xid') not in store.given_files]
    if stale:
        store.delete_files(stale)
        journal.clear_files(stale)
        logger.warning('batch: gave up on the content of %s: it failed again and this run did not give it',
                       ', '.join(stale))
