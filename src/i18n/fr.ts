/** Messages en français. Mêmes clés que en.ts. */
import type { MessageKey } from './en.ts';

export const fr: Record<MessageKey, string> = {
  'problem.FILE_UNREADABLE': '{file} ne peut pas être lu comme texte UTF-8 ({detail}).',
  'problem.COURSE_FILE_MISSING':
    'Ce dossier n’a pas de {file} : un cours en a besoin, avec les métadonnées du module.',
  'problem.FRONT_MATTER_MISSING':
    'Le fichier doit commencer par un bloc d’en-tête entre deux lignes « --- » ({reason}).',
  'problem.YAML_SYNTAX':
    'Ce YAML ne peut pas être lu ({detail}) ; vérifiez l’indentation, les guillemets et les deux-points.',
  'problem.METADATA_MISSING': 'Le champ obligatoire « {field} » manque.',
  'problem.FIELD_INVALID': 'Le champ « {field} » n’est pas valide : attendu {expected}.',
  'problem.UNKNOWN_DIRECTIVE':
    'Directive inconnue « :::{name} ». Utilisez slide, activity, un type de bloc (note, speaking, mission, example, questions, handout, film, core-activity, optional-activity, key-points) ou, dans items/, item.',
  'problem.UNKNOWN_BLOCK_KIND': 'La légende nomme « {kind} », qui n’est pas un type de bloc.',
  'problem.LEGEND_INCOMPLETE': 'La légende n’a pas d’entrée pour le type de bloc « {kind} ».',
  'problem.DIRECTIVE_UNCLOSED':
    'La directive « :::{name} » n’est jamais fermée : ajoutez une ligne « ::: » après son contenu.',
  'problem.DIRECTIVE_NESTED':
    'La directive « :::{name} » s’ouvre dans « :::{outer} » ; les directives ne s’imbriquent pas, fermez d’abord « :::{outer} ».',
  'problem.CLOSE_WITHOUT_OPEN': 'Ce « ::: » ne ferme rien.',
  'problem.ATTRIBUTE_INVALID': 'Attribut non compris ici : {text}.',
  'problem.TEXT_OUTSIDE_BLOCK':
    'Le texte hors de toute directive n’est affiché nulle part : placez-le dans un bloc comme :::speaking ou :::note.',
  'problem.SLIDE_TITLE_MISSING':
    'Cette diapositive n’a pas de titre : commencez son contenu par « # Titre ».',
  'problem.SLIDE_WORDS_NOT_ON_SLIDE': 'Les mots marqués « {words} » n’apparaissent pas sur {slide}.',
  'problem.OUTCOME_UNDECLARED': 'Le résultat d’apprentissage « {id} » n’est pas déclaré dans course.md.',
  'problem.OUTCOME_UNSERVED':
    'Aucune diapositive, activité ou question ne sert le résultat d’apprentissage « {id} ».',
  'problem.DURATION_MISMATCH':
    'Le plan prévoit {planned} min d’exposé mais les diapositives en prévoient {slides}.',
  'problem.DUPLICATE_ID': 'L’identifiant « {id} » est déjà utilisé en {first}.',
  'problem.ANSWER_MISSING': '« {id} » ({type}) n’a pas sa bonne réponse : {detail}.',
  'problem.CATEGORY_UNKNOWN':
    '« {id} » classe un élément dans la catégorie « {category} », qu’il ne déclare pas.',
  'problem.LINK_BROKEN': 'Rien dans le cours n’a l’identifiant « {id} ».',
  'problem.ASSESSMENT_SHORT':
    'Le plan d’évaluation demande {needed} questions sur {id} mais la banque en a {available}.',
  'problem.ADDITION_UNCITED':
    'Un contenu marqué source=addition doit indiquer sur quoi il repose : ajoutez cite="…".',

  'detail.exactly-one-correct': 'une seule option doit avoir correct: true',
  'detail.at-least-one-correct': 'au moins une option doit avoir correct: true',
  'detail.answer': 'ajoutez « answer: »',
  'detail.pairs': 'ajoutez au moins deux « pairs: »',
  'detail.items': 'ajoutez au moins deux « items: » dans le bon ordre',
  'detail.categories-and-items': 'ajoutez « categories: » et « items: », chacun avec sa catégorie',
  'detail.category': 'chaque élément a besoin de « category: »',
  'expect.string': 'du texte',
  'expect.number': 'un nombre',
  'expect.boolean': 'true ou false',
  'expect.array': 'une liste',
  'expect.object': 'des champs (clé: valeur)',
  'expect.known-field': 'un champ connu (voir docs/course-format.md)',
  'expect.text-or-object': 'du texte ou { title, url }',
  'expect.pattern': 'le format documenté',
  'expect.url': 'une URL',
  'expect.at-least-items': 'au moins {n} entrées',
  'expect.at-least': 'au moins {n}',
  'expect.at-most-items': 'au plus {n} entrées',
  'expect.at-most': 'au plus {n}',
  'expect.one-of': 'l’une des valeurs : {n}',
  'expect.valid-value': 'une valeur valide',
  'reason.absent': 'aucun trouvé',
  'reason.unclosed': 'le « --- » de fermeture manque',

  'severity.error': 'erreur',
  'severity.warning': 'avertissement',
  'check.summary': '{errors} erreur(s), {warnings} avertissement(s) dans {course}',
  'check.ok': '{course} : aucun problème',

  'cli.usage': `Usage : lectern <commande> [options]

Commandes :
  start [dossier]       vérifie le cours et le diffuse en direct (présentateur, projecteur, téléphones)
  check [dossier…]      vérifie des dossiers de cours ; affiche fichier:ligne:col  CODE  message ; code 1 si erreur
  show [dossier]        affiche le plan : sections, diapositives, minutes, résultats, activités
  export <format>       écrit pptx, guides PDF, banques de questions, paquets SCORM ou cmi5 (voir export --help)
  import <fichier> -o <dossier>   transforme des notes d’instructeur (PDF ou texte) en dossier de cours et rapport de relecture
  verify <id|fichier>   vérifie un certificat : valide, révoqué, inconnu ou falsifié
  account create <nom> --role coordinator|instructor   crée un compte pour les dossiers de formation

Options :
  --lang en|fr          langue des messages (défaut : $LECTERN_LANG ou en)
  --help                aide d’une commande`,
  'cli.check.help': `Usage : lectern check [dossier…] [--lang en|fr] [--json]

Vérifie chaque dossier de cours (défaut : courses/poc-module-1) et affiche chaque problème ainsi :
  fichier:ligne:col  CODE  message
Code de sortie 1 s’il y a une erreur, 0 sinon (les avertissements n’échouent pas).
  --json   affiche les problèmes en JSON`,
  'cli.show.help': `Usage : lectern show [dossier] [--lang en|fr]

Affiche le plan du cours : sections, diapositives avec minutes prévues et résultats, activités, et la
banque de questions par résultat.`,
  'cli.start.help': `Usage : lectern start [dossier] [--host 0.0.0.0] [--port 8080] [--data data] [--lang en|fr]

Vérifie le cours (défaut : Module 1), puis le diffuse en direct sur le réseau de la salle :
présentateur, projecteur et téléphones des participants. Les données sont gardées dans un fichier
SQLite du dossier de données ; les sessions non terminées reprennent après un redémarrage. Affiche le
lien de préparation (avec la clé de l’instructeur).
Environnement : PORT, LECTERN_HOST, LECTERN_DATA, LECTERN_PUBLIC_URL (l’adresse utilisée par les téléphones).`,
  'start.ready': 'Lectern diffuse « {title} » sur {url}',
  'start.prepare': 'Préparer et lancer une session (instructeur)',
  'start.phones': 'Les participants rejoignent sur',
  'start.data': 'Données',
  'start.resumed': 'Session {code} reprise',
  'cli.export.help': `Usage : lectern export <format> [dossier] [-o fichier] [--mission id] [--lang en|fr]

Écrit le cours (défaut : Module 1) dans un format déjà utilisé sur le terrain :
  pptx          présentation PowerPoint : diapositives modifiables, points à aborder et notes dans les notes du présentateur
  guide-pdf     guide de l’instructeur présenté comme les notes d’origine (PDF balisé)
  handout-pdf   document du participant : résultats, tableau 1.1, messages clés
  moodle-xml    la banque de questions en Moodle XML (importable dans Moodle)
  gift          la banque de questions en GIFT
  scorm12       le module en autonomie en paquet SCORM 1.2
  scorm2004     le module en autonomie en paquet SCORM 2004 (4e édition)
  cmi5          le module en autonomie en paquet de cours cmi5 (xAPI)
Formats : {formats}. --mission ajoute les points d’un dossier de mission aux documents de l’instructeur.`,
  'export.unknownFormat': 'Format d’export inconnu « {format} ». Formats : {formats}.',
  'export.unknownMission': 'Le cours n’a pas de dossier de mission « {mission} ».',
  'cli.import.help': `Usage : lectern import <fichier.pdf|fichier.txt> -o <dossier-cours> [--force] [--lang en|fr]

Transforme des notes d’instructeur (un PDF, ou le texte extrait d’un PDF) en dossier de cours au
format de Lectern, avec import-report.md : chaque endroit où l’import a deviné (type d’un bloc, titre
d’une diapositive, minutes prévues, objectifs), avec la page et la ligne de la source, les moins sûrs
d’abord. Le résultat est vérifié comme tout cours ; relisez le rapport, puis lancez lectern check.
  -o, --output   le dossier de cours à écrire (ne doit pas exister, sauf avec --force)
  --force        écrire dans un dossier existant`,
  'import.written':
    '{source} importé dans {dir} : {sections} sections, {slides} diapositives, {blocks} blocs, {guesses} suppositions ({low} à revoir d’abord) en {ms} ms. Rapport : {report}',
  'import.checkFailed':
    'Le cours importé a des problèmes ; corrigez-les dans les fichiers, puis lancez lectern check.',
  'import.missingArgs':
    'Indiquez un fichier à importer et un dossier à écrire : lectern import <fichier> -o <dossier>.',
  'import.error.IMPORT_UNSUPPORTED_TYPE':
    '{file} : seuls les fichiers PDF et texte (.txt) peuvent être importés.',
  'import.error.IMPORT_EMPTY': '{file} : le document est vide.',
  'import.error.IMPORT_NOT_TEXT':
    '{file} : ce n’est pas un fichier texte UTF-8 ({detail}). Enregistrez-le en texte UTF-8 ou importez le PDF.',
  'import.error.IMPORT_ENCRYPTED':
    '{file} : le PDF est protégé par un mot de passe. Enregistrez une copie non protégée et importez-la.',
  'import.error.IMPORT_CORRUPT':
    '{file} : le PDF est illisible ({detail}). Exportez-le de nouveau depuis sa source, ou importez le texte.',
  'import.error.IMPORT_SCANNED':
    '{file} : le PDF contient {pages} page(s) d’images sans texte : c’est un document numérisé. Passez-le d’abord à l’OCR (par ex. ocrmypdf), puis importez le résultat.',
  'import.error.IMPORT_TOO_LARGE':
    '{file} : le document est trop volumineux ({size} au-delà de la limite de {limit}). Découpez-le en modules.',
  'import.error.IMPORT_OUTPUT_EXISTS':
    '{dir} existe déjà. Choisissez un nouveau dossier, ou ajoutez --force pour écrire dedans.',
  'import.report.title': 'Rapport d’import : {source}',
  'import.report.intro':
    'Lectern a importé ce cours depuis {source} ({pages} page(s)). Il a trouvé {sections} sections, {slides} diapositives et {blocks} blocs, et a deviné à {guesses} endroits. Revoyez les suppositions ci-dessous, les moins sûres d’abord, puis lancez `lectern check` sur le dossier.',
  'import.report.check':
    'lectern check trouve {errors} erreur(s) et {warnings} avertissement(s) dans le résultat.',
  'import.report.furniture': 'En-têtes et pieds de page courants retirés',
  'import.report.guesses': 'Suppositions',
  'import.report.columns': '| confiance | source | ce qui a été deviné |',
  'import.report.none': 'Aucune supposition : chaque bloc portait une étiquette.',
  'import.report.place': 'p. {page}, ligne {line}',
  'import.guess.metadataMissing':
    'La partie « {field} » des métadonnées est introuvable ; un TODO la remplace.',
  'import.guess.duration':
    'La durée n’a pas été trouvée sous forme de deux nombres de minutes (trouvé : {found}).',
  'import.guess.kindFromLayout':
    'Type de bloc « {kind} » déduit de la mise en page ({reason}) ; aucune étiquette ne le disait.',
  'import.guess.questionsFromWording':
    'Lu comme questions types d’après la formulation (étiquette : {label}).',
  'import.guess.answer': 'Une ligne « Answer » rattachée à la question « {question} ».',
  'import.guess.slideTitleFromSection':
    'La diapositive {slide} n’a pas de titre propre ; le titre de la section le remplace.',
  'import.guess.chart':
    'Un tableau lu sur l’image de la diapositive : {categories} catégories, d’après les intitulés collés à leur dernier élément.',
  'import.guess.implicitSection':
    'Le texte avant la première section numérotée a été placé dans une section intitulée « {title} ».',
  'import.guess.lectureMinutes':
    'La durée de l’exposé ({found} min) est inférieure à une minute par diapositive ; {used} minutes sont utilisées.',
  'import.guess.minutes':
    'Les {minutes} minutes d’exposé ont été réparties entre {slides} diapositives selon ce qu’il y a à dire pour chacune.',
  'import.guess.sectionSlides':
    'Les notes ne montrent aucune diapositive ; chacune des {slides} sections a reçu une diapositive de titre.',
  'import.guess.outcome':
    'Objectif {outcome} attribué aux diapositives de « {section} » d’après les mots partagés.',
  'reason.firstAfterSlide': 'premier bloc après la diapositive',
  'reason.continuesSpeaking': 'suite des points à aborder',
  'reason.continuesNote': 'encadré plus étroit, suite du bloc précédent',
  'reason.fullWidthAfterNote': 'texte pleine largeur après une note',
  'reason.instruction': 'une consigne à l’instructeur',
  'reason.continuesActivity': 'suite des consignes de l’activité',
  'reason.keyMessagesSection': 'dans la section des messages clés',
  'export.written': '{format} écrit dans {output} en {ms} ms.',
  'roster.ROSTER_NOT_CSV':
    'Ligne {line}, colonne {column} : ce fichier ne peut pas être lu comme une liste CSV ({reason}). Dans votre tableur, choisissez « Enregistrer sous » puis « CSV UTF-8 », et importez ce fichier.',
  'roster.ROSTER_HEADER_MISSING':
    'Ligne {line} : la première ligne doit être un en-tête qui nomme les colonnes, par exemple « nom;grade;matricule;composante;contingent;mission » (nom et composante sont obligatoires).',
  'roster.ROSTER_COLUMN_MISSING':
    'Ligne {line} : l’en-tête n’a pas de colonne {field}, obligatoire dans toute liste. Ajoutez une colonne intitulée : {accepted}.',
  'roster.ROSTER_COLUMN_DUPLICATE':
    'Ligne {line}, colonne {column} : « {heading} » est une deuxième colonne {field} (la colonne {first}, « {firstHeading} », en est déjà une). Supprimez ou renommez l’une des deux.',
  'roster.ROSTER_COLUMN_UNKNOWN':
    'Ligne {line}, colonne {column} : l’intitulé « {heading} » n’est pas une colonne de la liste ; cette colonne est ignorée. Colonnes de la liste : nom, grade, matricule, composante, contingent, mission.',
  'roster.ROSTER_ROW_SHAPE':
    'Ligne {line}, colonne {column} : cette ligne a {found} cellules mais l’en-tête en a {expected}. Cherchez un séparateur (virgule ou point-virgule) manquant ou en trop, ou une valeur qui en contient un sans être entre guillemets.',
  'roster.ROSTER_FIELD_EMPTY':
    'Ligne {line}, colonne {column} ({heading}) : cette cellule est vide, or le champ « {field} » est obligatoire pour chaque personne ; remplissez-la ou supprimez la ligne.',
  'roster.ROSTER_COMPONENT_INVALID':
    'Ligne {line}, colonne {column} ({heading}) : « {value} » n’est ni militaire, ni police, ni civil.',
  'roster.ROSTER_TOO_LONG':
    'Ligne {line}, colonne {column} ({heading}) : cette cellule a {length} caractères ; {max} au plus sont permis. Vérifiez que les lignes et les colonnes sont bien séparées.',
  'roster.ROSTER_DUPLICATE':
    'Ligne {line}, colonne {column} ({heading}) : « {value} » figure déjà à la ligne {first}. Inscrivez chaque personne une seule fois ; deux personnes du même nom doivent avoir leur matricule.',
  'roster.field.name': 'nom',
  'roster.field.givenName': 'prénom',
  'roster.field.familyName': 'nom de famille',
  'roster.field.rank': 'grade',
  'roster.field.serviceNumber': 'matricule',
  'roster.field.component': 'composante',
  'roster.field.contingent': 'contingent',
  'roster.field.mission': 'mission',
  'roster.reason.binary':
    'il contient des données binaires : est-ce un classeur Excel (.xlsx) ou du « texte Unicode » plutôt qu’un fichier CSV ?',
  'roster.reason.encoding': 'ce n’est pas du texte UTF-8, les lettres accentuées sont illisibles',
  'roster.reason.quote-not-closed': 'une cellule ouvre ici un guillemet (") qui n’est jamais fermé',
  'roster.reason.unreadable': 'les lignes et les cellules ne peuvent pas être distinguées',
  'records.csv.session': 'Session',
  'records.csv.date': 'Date',
  'records.csv.name': 'Nom',
  'records.csv.joinedName': 'Nom saisi en rejoignant',
  'records.csv.rank': 'Grade',
  'records.csv.serviceNumber': 'Matricule',
  'records.csv.component': 'Composante',
  'records.csv.contingent': 'Contingent',
  'records.csv.attendance': 'Présence (%)',
  'records.csv.score': 'Note à l’évaluation (%)',
  'records.csv.passed': 'Réussi',
  'records.csv.completed': 'Terminé',
  'records.csv.outcome': 'Résultat {id} (%)',
  'records.csv.unmarked': 'Réponses à corriger',
  'records.csv.certificate': 'Certificat',
  'records.csv.certificateStatus': 'État du certificat',
  'records.csv.yes': 'oui',
  'records.csv.no': 'non',
  'records.csv.presentMinutes': 'Minutes de présence',
  'records.csv.sessionMinutes': 'Minutes de session',
  'records.csv.sessionFrom': 'Session du',
  'records.csv.sessionTo': 'Session au',
  'records.csv.item': 'Question (id)',
  'records.csv.outcomes': 'Résultats d’apprentissage',
  'records.csv.prompt': 'Question',
  'records.csv.attempts': 'Tentatives',
  'records.csv.answered': 'Répondues',
  'records.csv.facility': 'Indice de facilité (%)',
  'records.csv.sd': 'Écart type (%)',
  'records.csv.discrimination': 'Indice de discrimination',
  'records.csv.efficiency': 'Efficacité discriminante',
  'records.csv.flags': 'Signalements',
  'records.flag.tooEasy': 'trop facile',
  'records.flag.tooHard': 'trop difficile',
  'records.flag.poorDiscrimination': 'discrimination faible',
  'records.flag.lowEfficiency': 'efficacité discriminante faible',
  'records.status.valid': 'valide',
  'records.status.revoked': 'révoqué',
  'records.status.unknown': 'inconnu',
  'records.status.invalid': 'signature non valide',
  'records.status.tampered': 'falsifié',
  'records.status.unsigned': 'pas un certificat Lectern',
  'records.component.military': 'militaire',
  'records.component.police': 'police',
  'records.component.civilian': 'civil',
  'cli.verify.help': `Usage : lectern verify <identifiant de certificat | fichier.pdf> [--data data] [--json] [--lang en|fr]

Vérifie un certificat dans les dossiers du répertoire de données (par défaut : data, ou $LECTERN_DATA) :
  un identifiant (LEC-…)   valide, révoqué (avec la date et le motif) ou inconnu
  un fichier PDF           sa signature et sa page, puis s’il a été révoqué
Affiche les informations enregistrées (nom, module, date, centre). Code de sortie 0 si valide, 1 sinon.
  --json   affiche le résultat en JSON`,
  'cli.verify.status': 'Certificat {id} : {status}',
  'cli.verify.file': 'Fichier {file} : {status}',
  'cli.verify.reason': 'Motif : {reason}',
  'cli.verify.checked.page':
    'La page a été redessinée à partir des données signées et correspond exactement.',
  'cli.verify.checked.text':
    'La page a été produite par une autre version de Lectern : son texte et sa structure ont été vérifiés.',
  'cli.verify.name': 'Nom : {value}',
  'cli.verify.rank': 'Grade : {value}',
  'cli.verify.serviceNumber': 'Matricule : {value}',
  'cli.verify.module': 'Module {module} : {title}',
  'cli.verify.edition': 'Édition : {value}',
  'cli.verify.date': 'Terminé le {date} à {place} ({hours} h)',
  'cli.verify.centre': 'Délivré par : {value}',
  'cli.verify.revoked': 'Révoqué le {date} : {reason}',
  'cli.verify.noRecords':
    'Aucun dossier dans {path} : démarrez d’abord Lectern avec ce répertoire de données, ou indiquez --data.',
  'cli.verify.unreadable': 'Impossible de lire {file} : {detail}',
  'cli.verify.missing':
    'Indiquez un identifiant de certificat (LEC-…) ou un fichier PDF. Lancez « lectern verify --help ».',
  'cli.account.help': `Usage : lectern account create <identifiant> --role coordinator|instructor
                        [--name "Nom affiché"] [--password-file fichier] [--data data]

Crée un compte d’accès aux dossiers de formation (/records) dans la base du répertoire de données (par
défaut : data, ou $LECTERN_DATA). Le mot de passe est lu dans --password-file, sinon sur l’entrée
standard (saisi sans écho dans un terminal) ; il lui faut au moins {min} caractères.
  coordinator   gère les cohortes, les listes de participants et les certificats
  instructor    consulte les dossiers et corrige les réponses courtes`,
  'cli.account.prompt': 'Mot de passe pour {username} : ',
  'cli.account.created': 'Compte {role} « {username} » créé.',
  'cli.account.exists': 'Un compte « {username} » existe déjà.',
  'cli.account.badUsername':
    'L’identifiant « {username} » n’est pas valide : utilisez de 2 à 64 lettres, chiffres, points, tirets, tirets bas ou @.',
  'cli.account.badRole': 'Le rôle doit être coordinator ou instructor.',
  'cli.account.shortPassword': 'Le mot de passe est trop court : il faut au moins {min} caractères.',
  'cli.account.noPassword': 'Aucun mot de passe sur l’entrée standard ni dans --password-file.',
  'cli.account.unknownAction': 'Action inconnue « {action} ». Lancez « lectern account --help ».',
  'cli.unknownCommand': 'Commande inconnue « {command} ». Lancez « lectern --help ».',
  'cli.unknownOption': 'Option inconnue « {option} ». Lancez « lectern {command} --help ».',
  'cli.notAFolder': '{dir} n’est pas un dossier de cours.',

  'outline.minutes': '{n} min',
  'outline.total':
    'Exposé : {slides} min prévues sur {lecture} min ; questions et évaluation {discussion} min',
  'outline.outcomes': 'Résultats d’apprentissage',
  'outline.items': 'Questions d’évaluation : {n}',
  'outline.itemsPerOutcome': '{id} : {n} question(s)',
  'outline.section': 'Section',
  'outline.activity': 'activité',
};
