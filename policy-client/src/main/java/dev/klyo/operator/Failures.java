package dev.klyo.operator;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** I/O failures as one line an operator can act on. */
final class Failures {

    private Failures() {
    }

    static String describe(IOException e) {
        String what;
        if (e instanceof NoSuchFileException n) {
            what = "no such file: " + n.getFile();
        } else if (e instanceof AccessDeniedException a) {
            what = "permission denied: " + a.getFile();
        } else if (e instanceof FileAlreadyExistsException x) {
            what = "already exists: " + x.getFile();
        } else {
            what = String.valueOf(e.getMessage());
        }
        return Terminal.printable(what);
    }
}
