/** The page of a cmi5 AU: the self-paced player with the cmi5 tracker (xAPI to the LMS's LRS). */
import { bootLmsPlayer } from '../../exports/scorm/lms-boot.ts';
import { Cmi5Tracker } from './cmi5-tracker.ts';

void bootLmsPlayer((pkg, config) => new Cmi5Tracker({ pkg, base: config.base }));
