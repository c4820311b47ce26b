/** The instructor's preparation checklist, drawn from the course metadata. */
import type { Course } from '../content/model.ts';
import type { Reference } from '../content/schemas.ts';

export interface ChecklistItem {
  id: string;
  group: 'readings' | 'equipment' | 'materials' | 'participants';
  text: string;
  note?: string;
  /** Only live links: a dead URL stays a citation. */
  url?: string;
}

export interface Preparation {
  title: string;
  audienceLevels: string[];
  items: ChecklistItem[];
  missionPacks: { id: string; name: string; description: string }[];
}

export function preparationChecklist(course: Course): Preparation {
  const items: ChecklistItem[] = [];
  const add = (group: ChecklistItem['group'], refs: readonly Reference[], prefix = '') => {
    refs.forEach((ref, i) => {
      const id = `${group}-${prefix}${i + 1}`;
      items.push({
        id,
        group,
        text: ref.title,
        ...(ref.note ? { note: ref.note } : {}),
        ...(ref.url && ref.urlStatus !== 'dead' ? { url: ref.url } : {}),
      });
      if (ref.items) add(group, ref.items, `${i + 1}.`);
    });
  };
  const meta = course.meta;
  add('readings', meta.instructorPreparations.requiredReadings);
  add('equipment', meta.equipment);
  add('materials', meta.materials);
  add('participants', meta.participantPreparations.items);
  const missionPacks = course.missions.map((m) => ({ id: m.id, name: m.name, description: m.description }));
  return { title: meta.title, audienceLevels: meta.audience.levels, items, missionPacks };
}
