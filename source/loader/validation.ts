// What a data row's validator gives back: its key (in the table's key order, see DATA_TABLES)
// once every part of it is valid, so a repeated key is reported even on a row with other
// problems; and the record when the row is sound.
export type Validation<R> = {key?: string[]; record?: R};
