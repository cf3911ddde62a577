# Sourced by ./naap and .ci/run: exports JAVA_HOME pointing at a JDK >= 21, or fails
# with one line naming what to install. Order: $JAVA_HOME, then every JDK installed
# beside the default `java` (e.g. /usr/lib/jvm/*), newest first.
# NAAP_JDK_DIRS (space-separated folders holding JDKs) replaces the folders searched.

naap_java_major() { # $1 = a JDK home; prints its feature version, or nothing
  local release="$1/release" v
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")
  fi
  if [ -z "${v:-}" ] && [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p')
  fi
  printf '%s' "${v:-}"
}

naap_find_jdk() {
  local candidate major best="" best_major=0 default_java jvm_dirs=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(naap_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s' "$JAVA_HOME"; return 0
    fi
  fi
  default_java=$(command -v java 2>/dev/null || true)
  if [ -n "$default_java" ] && [ -z "${NAAP_JDK_DIRS:-}" ]; then
    # /usr/bin/java -> /usr/lib/jvm/X/bin/java: look beside X
    jvm_dirs=$(dirname "$(dirname "$(dirname "$(readlink -f "$default_java")")")")
  fi
  local search="$jvm_dirs /usr/lib/jvm /usr/local/lib/jvm /opt/java /opt $HOME/.sdkman/candidates/java"
  [ -n "${NAAP_JDK_DIRS:-}" ] && search="$NAAP_JDK_DIRS"
  local dir
  for dir in $search; do
    for candidate in "$dir"/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(naap_java_major "$candidate")
      [ -n "$major" ] || continue
      if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"; best_major="$major"
      fi
    done
  done
  if [ -n "$best" ]; then printf '%s' "$(readlink -f "$best")"; return 0; fi
  return 1
}

naap_given_java_home=${JAVA_HOME:-unset}
if ! JAVA_HOME=$(naap_find_jdk); then
  echo "naap: no JDK >= 21 found (JAVA_HOME is '$naap_given_java_home', java on PATH is $(java -version 2>&1 | head -n 1 || echo none)); install a JDK >= 21 (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
