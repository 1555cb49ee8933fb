// Why a lab did not open the machine the reader left: the page says so in one line, in the
// reader's language (the island maps each code to a string), and the lab starts a fresh one.

export type LabNotice =
  /** The saved entry could not be read (broken JSON, a machine or session that does not load). */
  | 'saved-state-corrupt'
  /** The entry was saved by an older version of the course, whose shape this one cannot read. */
  | 'saved-state-outdated';
