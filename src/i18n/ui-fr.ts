/** Messages des vues du navigateur (français). Mêmes clés que ui-en.ts. */
import type { UiKey } from './ui-en.ts';

export const uiFr: Record<UiKey, string> = {
  'ui.title.participant': 'Lectern : rejoindre la session',
  'ui.title.presenter': 'Lectern : présentateur',
  'ui.title.projector': 'Lectern : projecteur',
  'ui.title.prepare': 'Lectern : préparer une session',

  'ui.error.MESSAGE_MALFORMED':
    'L’application a envoyé un message que le serveur ne comprend pas. Rechargez la page.',
  'ui.error.MESSAGE_TOO_LARGE': 'C’est trop long pour être envoyé.',
  'ui.error.RATE_LIMITED': 'Trop d’actions à la fois. Attendez un instant.',
  'ui.error.NOT_AUTHENTICATED': 'Rejoignez d’abord la session.',
  'ui.error.TOKEN_INVALID': 'Ce lien ou cet appareil n’est pas reconnu pour cette session.',
  'ui.error.FORBIDDEN': 'Seul le présentateur peut faire cela.',
  'ui.error.SESSION_UNKNOWN': 'Cette session n’existe pas sur ce serveur.',
  'ui.error.JOIN_CODE_UNKNOWN': 'Aucune session n’a ce code. Vérifiez le code à l’écran.',
  'ui.error.JOINING_CLOSED': 'Les inscriptions sont fermées pour cette session. Demandez à l’instructeur.',
  'ui.error.SESSION_FULL': 'Cette session est complète.',
  'ui.error.SESSION_ENDED': 'Cette session est terminée.',
  'ui.error.RECOVERY_CODE_UNKNOWN': 'Ce code de récupération n’est pas connu dans cette session.',
  'ui.error.ACTIVITY_UNKNOWN': 'Cette activité n’existe pas.',
  'ui.error.ACTIVITY_NOT_OPEN': 'Cette activité n’accepte pas de réponses.',
  'ui.error.RESPONSE_INVALID': 'Cette réponse est incomplète. Vérifiez-la et envoyez-la de nouveau.',
  'ui.error.QUESTION_UNKNOWN': 'Cette question n’est plus au tableau.',
  'ui.error.QUESTION_LIMIT': 'Vous avez posé le nombre maximal de questions.',
  'ui.error.PARTICIPANT_UNKNOWN': 'Ce participant n’est pas dans cette session.',
  'ui.error.NOT_FOUND': 'Introuvable.',
  'ui.error.INTERNAL':
    'Un problème est survenu sur le serveur. Votre réponse est conservée et sera renvoyée.',
};
