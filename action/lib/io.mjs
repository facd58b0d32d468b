// I/O failures worded as the native CLI words them: Rust's `io::Error` prints the C library's
// description and the number (`No such file or directory (os error 2)`).

import fs from 'node:fs';
import os from 'node:os';

// glibc's strerror for the errors a file can be read with.
const DESCRIPTIONS = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  EBADF: 'Bad file descriptor',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  ENODEV: 'No such device',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENFILE: 'Too many open files in system',
  EMFILE: 'Too many open files',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  EOVERFLOW: 'Value too large for defined data type',
  ESTALE: 'Stale file handle',
  ETIMEDOUT: 'Connection timed out',
};

/** `description (os error N)`, as Rust displays an OS error. */
export function ioErrorMessage(error) {
  const code = error?.code;
  const number = os.constants.errno[code] ?? (typeof error?.errno === 'number' ? Math.abs(error.errno) : undefined);
  let description = DESCRIPTIONS[code];
  if (description === undefined) {
    // libuv's wording (`ENOENT: no such file or directory, open 'x'`), capitalised.
    const text = String(error?.message ?? error);
    const match = /^[A-Z]+: ([^,]+)/.exec(text);
    description = match ? match[1][0].toUpperCase() + match[1].slice(1) : text;
  }
  return number === undefined ? description : `${description} (os error ${number})`;
}

/** The canonical path, or `undefined` when it cannot be had. */
export function realpath(file) {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Whether a path is a regular file (following symbolic links). */
export function isFileSync(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
