/** The page of a SCORM 1.2 package: the self-paced player with the SCORM 1.2 tracker. */
import { bootLmsPlayer } from '../../exports/scorm/lms-boot.ts';
import { Scorm12Tracker } from './scorm12-tracker.ts';

void bootLmsPlayer((pkg) => new Scorm12Tracker({ pkg }));
