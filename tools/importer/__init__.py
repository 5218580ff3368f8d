"""The importer: the official programme text -> content files, as a pipeline.

Each stage is one module with one job, and each hands the next a plain
value, so a stage can be tested (and fuzzed) alone:

    decode.py     bytes -> text (UTF-8 with or without BOM, UTF-16, Windows-1254)
    normalise.py  text -> numbered lines and cells, page furniture blanked
    labels.py     the regulation's fixed labels, matched with Turkish folding
    amounts.py    the one grammar for printed amounts
    rows.py       a table row: its text and its amounts
    listings.py   B.5 and the annex, the two listings of the goals
    goaltables.py section C: goal tables and cost tables
    sectiond.py   section D, the total resource need
    prose.py      identity (year, municipality), mission, vision, values, counts
    pages.py      the general-information pages as Markdown
    page_tables.py  their tables: every figure in its column, or an import error
    duties.py     each unit's duties, where those pages' sections state them
    read.py       the stages in order: bytes -> the programme
    crosscheck.py what the importer cannot account for: import errors
    statements.py the hand-written statements still point at figures of the fresh pages
    documents.py  the content files of one programme, as data
    translations.py English follows the Turkish it translates
    comments.py   staff comments survive a re-import
    write.py      every file at once, or nothing

The convention, written once here: a stage that cannot read the document
raises ImportProblem with the line it was reading.  Only that exception
crosses a stage boundary; the command line prints it as one line,
`path/to/file.txt:LINE: what is wrong`.  Where the document disagrees with
itself (a printed total that is not the sum of its lines, a count it states
that its tables do not have) the importer keeps what is printed and the
build publishes the disagreement; that is never an import error.
"""
