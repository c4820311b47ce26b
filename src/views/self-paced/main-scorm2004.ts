/** The page of a SCORM 2004 4th edition package: the self-paced player with the SCORM 2004 tracker. */
import { bootLmsPlayer } from '../../exports/scorm/lms-boot.ts';
import { Scorm2004Tracker } from './scorm2004-tracker.ts';

void bootLmsPlayer((pkg, config) => new Scorm2004Tracker({ pkg, base: config.base }));
