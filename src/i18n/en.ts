/** English messages. Keys are stable codes; `{name}` is replaced by the parameter of that name. */
export const en = {
  'problem.FILE_UNREADABLE': '{file} cannot be read as UTF-8 text ({detail}).',
  'problem.COURSE_FILE_MISSING': 'This folder has no {file}: a course needs one, with the module metadata.',
  'problem.FRONT_MATTER_MISSING':
    'The file must start with a front matter block between two "---" lines ({reason}).',
  'problem.YAML_SYNTAX': 'This YAML does not parse ({detail}); check indentation, quotes and colons.',
  'problem.METADATA_MISSING': 'Required field "{field}" is missing.',
  'problem.FIELD_INVALID': 'Field "{field}" is invalid: expected {expected}.',
  'problem.UNKNOWN_DIRECTIVE':
    'Unknown directive ":::{name}". Use slide, activity, a block kind (note, speaking, mission, example, questions, handout, film, core-activity, optional-activity, key-points) or, in items/, item.',
  'problem.UNKNOWN_BLOCK_KIND': 'The legend names "{kind}", which is not a block kind.',
  'problem.LEGEND_INCOMPLETE': 'The legend has no entry for block kind "{kind}".',
  'problem.DIRECTIVE_UNCLOSED': 'Directive ":::{name}" is never closed: add a line ":::" after its body.',
  'problem.DIRECTIVE_NESTED':
    'Directive ":::{name}" opens inside ":::{outer}"; directives do not nest, so close ":::{outer}" first.',
  'problem.CLOSE_WITHOUT_OPEN': 'This ":::" closes nothing.',
  'problem.ATTRIBUTE_INVALID': 'Attribute not understood here: {text}.',
  'problem.TEXT_OUTSIDE_BLOCK':
    'Text outside any directive is not shown anywhere: put it inside a block such as :::speaking or :::note.',
  'problem.SLIDE_TITLE_MISSING': 'This slide has no title: start its body with "# Title".',
  'problem.SLIDE_WORDS_NOT_ON_SLIDE': 'Marked slide words "{words}" do not appear on {slide}.',
  'problem.OUTCOME_UNDECLARED': 'Learning outcome "{id}" is not declared in course.md.',
  'problem.OUTCOME_UNSERVED': 'Learning outcome "{id}" is not served by any slide, activity or item.',
  'problem.DURATION_MISMATCH':
    'The duration plan gives {planned} min for the lecture but the slides plan {slides} min.',
  'problem.DUPLICATE_ID': 'Id "{id}" is already used at {first}.',
  'problem.ANSWER_MISSING': '"{id}" ({type}) lacks its correct answer: {detail}.',
  'problem.CATEGORY_UNKNOWN': '"{id}" sorts an item into category "{category}", which it does not declare.',
  'problem.LINK_BROKEN': 'Nothing in the course has id "{id}".',
  'problem.ASSESSMENT_SHORT':
    'The assessment blueprint asks for {needed} items on {id} but the item bank has {available}.',
  'problem.ADDITION_UNCITED': 'Content marked source=addition must say what it rests on: add cite="…".',

  'detail.exactly-one-correct': 'exactly one option must have correct: true',
  'detail.at-least-one-correct': 'at least one option must have correct: true',
  'detail.answer': 'add "answer:"',
  'detail.pairs': 'add at least two "pairs:"',
  'detail.items': 'add at least two "items:" in the correct order',
  'detail.categories-and-items': 'add "categories:" and "items:" with a category each',
  'detail.category': 'every item needs "category:"',
  'expect.string': 'text',
  'expect.number': 'a number',
  'expect.boolean': 'true or false',
  'expect.array': 'a list',
  'expect.object': 'fields (key: value)',
  'expect.known-field': 'a known field (see docs/course-format.md)',
  'expect.text-or-object': 'text or { title, url }',
  'expect.pattern': 'the documented pattern',
  'expect.url': 'a URL',
  'expect.at-least-items': 'at least {n} entries',
  'expect.at-least': 'at least {n}',
  'expect.at-most-items': 'at most {n} entries',
  'expect.at-most': 'at most {n}',
  'expect.one-of': 'one of: {n}',
  'expect.valid-value': 'a valid value',
  'reason.absent': 'none found',
  'reason.unclosed': 'the closing "---" is missing',

  'severity.error': 'error',
  'severity.warning': 'warning',
  'check.summary': '{errors} error(s), {warnings} warning(s) in {course}',
  'check.ok': '{course}: no problems',

  'cli.usage': `Usage: lectern <command> [options]

Commands:
  start [dir]        check the course and serve it live (presenter, projector, phones)
  check [dir…]       check course folders; prints file:line:col  CODE  message; exit 1 on errors
  show [dir]         print the outline: sections, slides, minutes, outcomes, activities
  export <format>    write pptx, PDF guides, question banks, SCORM or cmi5 packages (see export --help)
  import <file> -o <dir>   turn instructor notes (PDF or text) into a course folder and a review report
  verify <id|file>   check a certificate: valid, revoked, unknown or tampered
  account create <user> --role coordinator|instructor   create a training-records account

Options:
  --lang en|fr       language of messages (default: $LECTERN_LANG or en)
  --help             help for a command`,
  'cli.check.help': `Usage: lectern check [dir…] [--lang en|fr] [--json]

Checks each course folder (default: courses/poc-module-1) and prints every problem as
  file:line:col  CODE  message
Exits 1 when any error is found, 0 otherwise (warnings do not fail).
  --json   print the problems as JSON instead`,
  'cli.show.help': `Usage: lectern show [dir] [--lang en|fr]

Prints the course outline: sections, slides with their planned minutes and outcomes, activities, and
the item bank per outcome.`,
  'cli.start.help': `Usage: lectern start [dir] [--host 0.0.0.0] [--port 8080] [--data data] [--lang en|fr]

Checks the course (default: Module 1), then serves it live on the classroom network: presenter,
projector and participants' phones. Records are kept in an SQLite file in the data folder; sessions
that had not ended carry on after a restart. Prints the preparation link (with the instructor key).
Environment: PORT, LECTERN_HOST, LECTERN_DATA, LECTERN_PUBLIC_URL (the address phones use).`,
  'start.ready': 'Lectern is serving "{title}" at {url}',
  'start.prepare': 'Prepare and start a session (instructor)',
  'start.phones': 'Participants join at',
  'start.data': 'Records',
  'start.resumed': 'Resumed session {code}',
  'cli.export.help': `Usage: lectern export <format> [dir] [-o file] [--mission id] [--lang en|fr]

Writes the course (default: Module 1) in a format the field already uses:
  pptx          PowerPoint deck: editable slides, speaking points and notes in the speaker notes
  guide-pdf     instructor guide laid out like the source notes (tagged PDF)
  handout-pdf   participant handout: outcomes, Chart 1.1, key messages
  moodle-xml    the item bank as Moodle XML (importable by Moodle)
  gift          the item bank as GIFT
  scorm12       the self-paced module as a SCORM 1.2 package
  scorm2004     the self-paced module as a SCORM 2004 (4th edition) package
  cmi5          the self-paced module as a cmi5 course package (xAPI)
Formats: {formats}. --mission adds a mission pack's points to the instructor materials.`,
  'export.unknownFormat': 'Unknown export format "{format}". Formats: {formats}.',
  'export.unknownMission': 'The course has no mission pack "{mission}".',
  'cli.import.help': `Usage: lectern import <file.pdf|file.txt> -o <course-dir> [--force] [--lang en|fr]

Turns instructor notes (a PDF, or text extracted from one) into a course folder in Lectern's format,
plus import-report.md: every place the importer guessed (a block's kind, a slide's title, planned
minutes, outcomes), with the source page and line, lowest confidence first. The result is checked
like any course; review the report, then run lectern check.
  -o, --output   the course folder to write (must not exist unless --force)
  --force        write into an existing folder`,
  'import.written':
    'Imported {source} into {dir}: {sections} sections, {slides} slides, {blocks} blocks, {guesses} guesses ({low} to review first) in {ms} ms. Report: {report}',
  'import.checkFailed': 'The imported course has problems; fix them in the files, then run lectern check.',
  'import.missingArgs': 'Name a file to import and a folder to write: lectern import <file> -o <dir>.',
  'import.error.IMPORT_UNSUPPORTED_TYPE': '{file}: only PDF and plain text (.txt) files can be imported.',
  'import.error.IMPORT_EMPTY': '{file}: the document is empty.',
  'import.error.IMPORT_NOT_TEXT':
    '{file}: this is not a UTF-8 text file ({detail}). Save it as UTF-8 text or import the PDF.',
  'import.error.IMPORT_ENCRYPTED':
    '{file}: the PDF is password-protected. Save an unprotected copy and import that.',
  'import.error.IMPORT_CORRUPT':
    '{file}: the PDF cannot be read ({detail}). Export it again from its source, or import the text.',
  'import.error.IMPORT_SCANNED':
    '{file}: the PDF has {pages} page(s) of images and no text: it is a scan. Run OCR on it first (e.g. ocrmypdf), then import the result.',
  'import.error.IMPORT_TOO_LARGE':
    '{file}: the document is too large to import ({size} over the limit of {limit}). Split it into modules.',
  'import.error.IMPORT_OUTPUT_EXISTS':
    '{dir} already exists. Choose a new folder, or add --force to write into it.',
  'import.report.title': 'Import report: {source}',
  'import.report.intro':
    'Lectern imported this course from {source} ({pages} page(s)). It found {sections} sections, {slides} slides and {blocks} blocks, and guessed in {guesses} places. Review the guesses below, lowest confidence first, then run `lectern check` on the folder.',
  'import.report.check': 'lectern check finds {errors} error(s) and {warnings} warning(s) in the result.',
  'import.report.furniture': 'Running headers and footers removed',
  'import.report.guesses': 'Guesses',
  'import.report.columns': '| confidence | source | what was guessed |',
  'import.report.none': 'No guesses: every block carried a label.',
  'import.report.place': 'p. {page}, line {line}',
  'import.guess.metadataMissing':
    'The metadata part "{field}" was not found; a TODO placeholder stands in for it.',
  'import.guess.duration': 'The duration was not found as two amounts of minutes (found: {found}).',
  'import.guess.kindFromLayout': 'Block kind "{kind}" inferred from the layout ({reason}); no label said so.',
  'import.guess.questionsFromWording': 'Read as sample questions from the wording (label: {label}).',
  'import.guess.answer': 'An "Answer" line attached to the question "{question}".',
  'import.guess.slideTitleFromSection':
    'Slide {slide} shows no title of its own; the section title stands in.',
  'import.guess.chart':
    'A chart read from the slide picture: {categories} categories, from labels glued to their last item.',
  'import.guess.implicitSection':
    'Text before the first numbered section was put in a section titled "{title}".',
  'import.guess.lectureMinutes':
    'The lecture time ({found} min) is shorter than one minute per slide; {used} minutes are used.',
  'import.guess.minutes':
    'The {minutes} lecture minutes were shared among {slides} slides by how much there is to say at each.',
  'import.guess.sectionSlides':
    'The notes show no slides; each of the {slides} sections got a title slide to present.',
  'import.guess.outcome': 'Outcome {outcome} assigned to the slides of "{section}" by shared words.',
  'reason.firstAfterSlide': 'first block after the slide',
  'reason.continuesSpeaking': 'continues the speaking points',
  'reason.continuesNote': 'narrower box, continues the block above',
  'reason.fullWidthAfterNote': 'full-width text after a note',
  'reason.instruction': 'an instruction to the instructor',
  'reason.continuesActivity': 'continues the activity’s guidelines',
  'reason.keyMessagesSection': 'in the key messages section',
  'export.written': 'Wrote {format} to {output} in {ms} ms.',
  'roster.ROSTER_NOT_CSV':
    'Line {line}, column {column}: this file cannot be read as a CSV roster ({reason}). In your spreadsheet, use "Save as" and choose "CSV UTF-8", then import that file.',
  'roster.ROSTER_HEADER_MISSING':
    'Line {line}: the first row must be a header naming the columns, for example "name,rank,service number,component,contingent,mission" (name and component are required).',
  'roster.ROSTER_COLUMN_MISSING':
    'Line {line}: the header has no {field} column, which every roster needs. Add a column headed one of: {accepted}.',
  'roster.ROSTER_COLUMN_DUPLICATE':
    'Line {line}, column {column}: "{heading}" is a second {field} column (column {first}, "{firstHeading}", is one already). Delete or rename one of them.',
  'roster.ROSTER_COLUMN_UNKNOWN':
    'Line {line}, column {column}: the heading "{heading}" is not a roster column, so this column is ignored. Roster columns: name, rank, service number, component, contingent, mission.',
  'roster.ROSTER_ROW_SHAPE':
    'Line {line}, column {column}: this row has {found} cells but the header has {expected}. Look for a missing or extra separator (comma or semicolon), or a value containing one that is not in quotes.',
  'roster.ROSTER_FIELD_EMPTY':
    'Line {line}, column {column} ({heading}): this cell is empty, but every person needs a {field}; fill it in or delete the row.',
  'roster.ROSTER_COMPONENT_INVALID':
    'Line {line}, column {column} ({heading}): "{value}" is not military, police or civilian.',
  'roster.ROSTER_TOO_LONG':
    'Line {line}, column {column} ({heading}): this cell has {length} characters; at most {max} are allowed. Check that rows and columns are separated correctly.',
  'roster.ROSTER_DUPLICATE':
    'Line {line}, column {column} ({heading}): "{value}" is already on line {first}. List each person once; two people with the same name need their service numbers.',
  'roster.field.name': 'name',
  'roster.field.givenName': 'first name',
  'roster.field.familyName': 'last name',
  'roster.field.rank': 'rank',
  'roster.field.serviceNumber': 'service number',
  'roster.field.component': 'component',
  'roster.field.contingent': 'contingent',
  'roster.field.mission': 'mission',
  'roster.reason.binary':
    'it holds binary data: is it an Excel workbook (.xlsx) or "Unicode text" rather than a CSV file?',
  'roster.reason.encoding': 'it is not UTF-8 text, so accented letters cannot be read',
  'roster.reason.quote-not-closed': 'a cell opens a quote (") here that is never closed',
  'roster.reason.unreadable': 'the rows and cells cannot be told apart',
  'records.csv.session': 'Session',
  'records.csv.date': 'Date',
  'records.csv.name': 'Name',
  'records.csv.joinedName': 'Name typed when joining',
  'records.csv.rank': 'Rank',
  'records.csv.serviceNumber': 'Service number',
  'records.csv.component': 'Component',
  'records.csv.contingent': 'Contingent',
  'records.csv.attendance': 'Attendance (%)',
  'records.csv.score': 'Assessment score (%)',
  'records.csv.passed': 'Passed',
  'records.csv.completed': 'Completed',
  'records.csv.outcome': 'Outcome {id} (%)',
  'records.csv.unmarked': 'Answers waiting to be marked',
  'records.csv.certificate': 'Certificate',
  'records.csv.certificateStatus': 'Certificate status',
  'records.csv.yes': 'yes',
  'records.csv.no': 'no',
  'records.csv.presentMinutes': 'Minutes present',
  'records.csv.sessionMinutes': 'Session minutes',
  'records.csv.sessionFrom': 'Session from',
  'records.csv.sessionTo': 'Session to',
  'records.csv.item': 'Item',
  'records.csv.outcomes': 'Outcomes',
  'records.csv.prompt': 'Question',
  'records.csv.attempts': 'Attempts',
  'records.csv.answered': 'Answered',
  'records.csv.facility': 'Facility (%)',
  'records.csv.sd': 'Standard deviation (%)',
  'records.csv.discrimination': 'Discrimination index',
  'records.csv.efficiency': 'Discriminative efficiency',
  'records.csv.flags': 'Flags',
  'records.flag.tooEasy': 'too easy',
  'records.flag.tooHard': 'too hard',
  'records.flag.poorDiscrimination': 'poor discrimination',
  'records.flag.lowEfficiency': 'low discriminative efficiency',
  'records.status.valid': 'valid',
  'records.status.revoked': 'revoked',
  'records.status.unknown': 'unknown',
  'records.status.invalid': 'invalid signature',
  'records.status.tampered': 'tampered',
  'records.status.unsigned': 'not a Lectern certificate',
  'records.component.military': 'military',
  'records.component.police': 'police',
  'records.component.civilian': 'civilian',
  'cli.verify.help': `Usage: lectern verify <certificate id | file.pdf> [--data data] [--json] [--lang en|fr]

Checks a certificate against the records in the data folder (default: data, or $LECTERN_DATA):
  an id (LEC-…)   valid, revoked (with the date and reason), or unknown
  a PDF file      its signature and page, then whether it was revoked
Prints the recorded details (name, module, date, centre). Exits 0 when valid, 1 otherwise.
  --json   print the result as JSON instead`,
  'cli.verify.status': 'Certificate {id}: {status}',
  'cli.verify.file': 'File {file}: {status}',
  'cli.verify.reason': 'Why: {reason}',
  'cli.verify.checked.page': 'The page was redrawn from the signed data and matches exactly.',
  'cli.verify.checked.text':
    'The page was made by another Lectern version: its text and structure were checked.',
  'cli.verify.name': 'Name: {value}',
  'cli.verify.rank': 'Rank: {value}',
  'cli.verify.serviceNumber': 'Service number: {value}',
  'cli.verify.module': 'Module {module}: {title}',
  'cli.verify.edition': 'Edition: {value}',
  'cli.verify.date': 'Completed on {date} in {place} ({hours} h)',
  'cli.verify.centre': 'Issued by: {value}',
  'cli.verify.revoked': 'Revoked on {date}: {reason}',
  'cli.verify.noRecords': 'No records at {path}: start Lectern with this data folder first, or pass --data.',
  'cli.verify.unreadable': 'Cannot read {file}: {detail}',
  'cli.verify.missing': 'Name a certificate id (LEC-…) or a PDF file. Run "lectern verify --help".',
  'cli.account.help': `Usage: lectern account create <username> --role coordinator|instructor
                      [--name "Display name"] [--password-file file] [--data data]

Creates a sign-in for the training records (/records) in the data folder's database (default: data,
or $LECTERN_DATA). The password is read from --password-file, or else from standard input (typed
without echo at a terminal); it needs at least {min} characters.
  coordinator   manages cohorts, rosters and certificates
  instructor    reads the records and marks short answers`,
  'cli.account.prompt': 'Password for {username}: ',
  'cli.account.created': 'Created {role} account "{username}".',
  'cli.account.exists': 'An account "{username}" already exists.',
  'cli.account.badUsername':
    'The username "{username}" is not valid: use 2 to 64 letters, digits, dots, dashes, underscores or @.',
  'cli.account.badRole': 'The role must be coordinator or instructor.',
  'cli.account.shortPassword': 'The password is too short: at least {min} characters are needed.',
  'cli.account.noPassword': 'No password was given on standard input or in --password-file.',
  'cli.account.unknownAction': 'Unknown action "{action}". Run "lectern account --help".',
  'cli.unknownCommand': 'Unknown command "{command}". Run "lectern --help".',
  'cli.unknownOption': 'Unknown option "{option}". Run "lectern {command} --help".',
  'cli.notAFolder': '{dir} is not a course folder.',

  'outline.minutes': '{n} min',
  'outline.total': 'Lecture {slides} min planned of {lecture} min; questions and assessment {discussion} min',
  'outline.outcomes': 'Learning outcomes',
  'outline.items': 'Assessment items: {n}',
  'outline.itemsPerOutcome': '{id}: {n} item(s)',
  'outline.section': 'Section',
  'outline.activity': 'activity',
} as const;

export type MessageKey = keyof typeof en;
