/** The emulator's live records (filled in by the seed; see entities/). */
export class AutotaskDatabase {}
