/** The longest URL (path and query) answered; longer is 414. */
export const MAX_URL_BYTES = 8 * 1024;
/** The most request-line and header bytes Node's parser takes in; more is 431 (or 414). */
export const MAX_HEADER_BYTES = 16 * 1024;
