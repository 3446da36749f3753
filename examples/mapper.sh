#!/bin/sh
# dechaff as the mapper of a streaming job: JSON lines in on stdin (one page per
# line: {"id": ..., "url": ..., "html": ...}), JSON lines out on stdout (one
# record per page: {"source", "id", "url", "title", "text", "confidence"} or
# {..., "error"}), nothing else on stdout. Progress and errors go to stderr,
# which the frameworks keep in the task logs.
#
# Spark (PySpark):
#   pages.map(json.dumps).pipe("./mapper.sh").map(json.loads)
#   (ship the script and the dechaff binary with --files mapper.sh,dechaff)
# Hadoop Streaming:
#   hadoop jar hadoop-streaming.jar -files mapper.sh,dechaff \
#     -input pages/ -output text/ -mapper mapper.sh -numReduceTasks 0
# Ray Data: in a map_batches function,
#   subprocess.run(["./mapper.sh"], input=jsonl_bytes, capture_output=True, check=True)
#
# Settings (environment variables):
#   DECHAFF        the dechaff binary (default: ./dechaff if present, else dechaff on PATH)
#   DECHAFF_JOBS   worker threads (default: all cores; set it to the task's cores)
#   HTML_FIELD, URL_FIELD, ID_FIELD   the input's field names (html, url, id)
#
# Exit code: dechaff exits 1 when some pages failed, but those pages are records
# with an "error" field in the output: for the framework the task succeeded, so
# 1 becomes 0 here. Anything else (2: usage or I/O error) fails the task.
set -u

if [ -n "${DECHAFF:-}" ]; then
    bin=$DECHAFF
elif [ -x ./dechaff ]; then
    bin=./dechaff
else
    bin=dechaff
fi

set -- --input jsonl \
    --html-field "${HTML_FIELD:-html}" \
    --url-field "${URL_FIELD:-url}" \
    --id-field "${ID_FIELD:-id}"
if [ -n "${DECHAFF_JOBS:-}" ]; then
    set -- "$@" --jobs "$DECHAFF_JOBS"
fi

"$bin" "$@"
status=$?
if [ "$status" -eq 1 ]; then
    exit 0
fi
exit "$status"
