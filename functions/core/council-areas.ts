/** The nine council areas of Leicester, Leicestershire and Rutland (ONS GSS codes), from shared/data. */
import * as z from 'zod/mini';

export const councilAreas = [
  { code: 'E07000129', name: 'Blaby', kind: 'district' },
  { code: 'E07000130', name: 'Charnwood', kind: 'district' },
  { code: 'E07000131', name: 'Harborough', kind: 'district' },
  { code: 'E07000132', name: 'Hinckley and Bosworth', kind: 'district' },
  { code: 'E06000016', name: 'Leicester', kind: 'unitary' },
  { code: 'E07000133', name: 'Melton', kind: 'district' },
  { code: 'E07000134', name: 'North West Leicestershire', kind: 'district' },
  { code: 'E07000135', name: 'Oadby and Wigston', kind: 'district' },
  { code: 'E06000017', name: 'Rutland', kind: 'unitary' },
] as const;

export type CouncilAreaCode = (typeof councilAreas)[number]['code'];

export const councilAreaCodes = councilAreas.map((a) => a.code) as [CouncilAreaCode, ...CouncilAreaCode[]];

export const councilAreaCode = z.enum(councilAreaCodes, { error: 'Choose a council area from the list' });

export const councilAreaName = (code: string): string => councilAreas.find((a) => a.code === code)?.name ?? code;
