package io.naap.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versioned migrations of {@code classpath:db/migration}, read from the folder itself: tests
 * that migrate to the latest schema compare with this, so a new migration does not break them.
 */
public final class Migrations {
  private static final String FOLDER = "db/migration";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__\\w+\\.sql");

  private Migrations() {}

  /** The version of the newest migration, e.g. {@code "10"}. */
  public static String latestVersion() {
    return String.valueOf(versions().getLast());
  }

  /** How many versioned migrations there are. */
  public static int count() {
    return versions().size();
  }

  /** The version numbers, ascending. */
  public static List<Integer> versions() {
    URL folder = Migrations.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      throw new IllegalStateException(FOLDER + " is not on the test class path");
    }
    try {
      List<Integer> versions =
          switch (folder.getProtocol()) {
            case "file" -> versionsIn(Path.of(folder.toURI()));
            case "jar" -> {
              // failsafe runs against the packaged jar
              Path jar =
                  Path.of(((JarURLConnection) folder.openConnection()).getJarFileURL().toURI());
              try (FileSystem files = FileSystems.newFileSystem(jar)) {
                yield versionsIn(files.getPath(FOLDER));
              }
            }
            default ->
                throw new IllegalStateException("cannot list " + folder + ": not a folder or jar");
          };
      if (versions.isEmpty()) {
        throw new IllegalStateException("no versioned migration in " + folder);
      }
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read " + folder, e);
    }
  }

  private static List<Integer> versionsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> VERSIONED.matcher(file.getFileName().toString()))
          .filter(Matcher::matches)
          .map(match -> Integer.parseInt(match.group(1)))
          .sorted()
          .toList();
    }
  }
}
