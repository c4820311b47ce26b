/**
 * SCORM packages of the self-paced module: one SCO (`index.html`, the player with the tracker for the
 * version) and its `imsmanifest.xml` at the zip root.
 *
 * - SCORM 1.2: IMS CP 1.1.2 with `adlcp:scormtype="sco"` (lower case in 1.2), schemaversion 1.2, the
 *   pass mark as `adlcp:masteryscore` (0–100).
 * - SCORM 2004 4th edition: IMS CP 1.1 with `adlcp:scormType="sco"`, schemaversion "2004 4th Edition",
 *   IMS simple sequencing on the item: a primary objective satisfied by measure at the pass mark (the LMS
 *   gives it to the SCO as `cmi.scaled_passing_score`), one objective per learning outcome, and delivery
 *   controls saying that the content sets completion and success.
 *
 * The schema files named in xsi:schemaLocation are not shipped: LMSs validate with their own copies.
 */
import type { Course } from '../../content/model.ts';
import { escapeXml } from '../escape-xml.ts';
import { identifier2004 } from './interactions.ts';
import { type LmsExportOptions, playerFiles, xmlId, zipFiles } from './lms-package.ts';
import { decimal } from './runtime.ts';

interface ManifestInput {
  courseId: string;
  title: string;
  passMark: number;
  outcomes: { id: string; text: string }[];
  files: string[];
}

function fileList(files: string[], indent: string): string {
  return files.map((f) => `${indent}<file href="${escapeXml(f)}"/>`).join('\n');
}

/** Organization, item and resource identifiers and the escaped title: both SCORM versions' manifests. */
function manifestParts(input: ManifestInput) {
  return {
    org: xmlId('ORG-', input.courseId),
    item: xmlId('ITEM-', input.courseId),
    res: xmlId('RES-', input.courseId),
    title: escapeXml(input.title),
  };
}

export function scorm12Manifest(input: ManifestInput): string {
  const { org, item, res, title } = manifestParts(input);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlId('lectern-', input.courseId)}-scorm12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${title}</title>
      <item identifier="${item}" identifierref="${res}" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${decimal(input.passMark * 100, 2)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${res}" type="webcontent" adlcp:scormtype="sco" href="index.html">
${fileList(input.files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

export function scorm2004Manifest(input: ManifestInput): string {
  const { org, item, res, title } = manifestParts(input);
  const objectives = input.outcomes
    .map((o) => `            <imsss:objective objectiveID="${escapeXml(identifier2004(o.id))}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlId('lectern-', input.courseId)}-scorm2004" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}" adlseq:objectivesGlobalToSystem="false">
      <title>${title}</title>
      <item identifier="${item}" identifierref="${res}" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="assessment" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${decimal(input.passMark, 4)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
${objectives}
          </imsss:objectives>
          <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${res}" type="webcontent" adlcp:scormType="sco" href="index.html">
${fileList(input.files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

async function exportScorm(course: Course, kind: 'scorm12' | 'scorm2004', options: LmsExportOptions) {
  const { pkg, files } = await playerFiles(course, kind, options);
  const input: ManifestInput = {
    courseId: pkg.courseId,
    title: pkg.title,
    passMark: pkg.assessment.passMark,
    outcomes: pkg.outcomes,
    files: [...files.keys()],
  };
  files.set('imsmanifest.xml', kind === 'scorm12' ? scorm12Manifest(input) : scorm2004Manifest(input));
  return zipFiles(files);
}

/** A SCORM 1.2 package of the course's self-paced module. */
export function exportScorm12(course: Course, options: LmsExportOptions = {}): Promise<Uint8Array> {
  return exportScorm(course, 'scorm12', options);
}

/** A SCORM 2004 4th edition package of the course's self-paced module. */
export function exportScorm2004(course: Course, options: LmsExportOptions = {}): Promise<Uint8Array> {
  return exportScorm(course, 'scorm2004', options);
}
