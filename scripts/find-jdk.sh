# Sourced (POSIX sh) by ./p2pchat and ./mvnw: points JAVA_HOME at a JDK 21 or newer.
# Looks at JAVA_HOME, then `javac` on PATH, then the usual install folders; the newest wins
# among the install folders. Prints what to install and returns 1 when there is none.

p2pchat_jdk_feature() {
  # Prints the feature release (17, 21, 25...) of the JDK at $1, or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

p2pchat_find_jdk() {
  p2pchat_min=21
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(p2pchat_jdk_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$p2pchat_min" ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(p2pchat_jdk_feature "$home")
    if [ -n "$v" ] && [ "$v" -ge "$p2pchat_min" ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best= bestv=0
  case $- in *f*) p2pchat_noglob=1; set +f ;; *) p2pchat_noglob= ;; esac
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
              "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$home" ] || continue
    v=$(p2pchat_jdk_feature "$home")
    if [ -n "$v" ] && [ "$v" -ge "$p2pchat_min" ] && [ "$v" -gt "$bestv" ]; then best=$home bestv=$v; fi
  done
  [ -z "$p2pchat_noglob" ] || set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "p2pchat needs a JDK $p2pchat_min or newer and found none (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt install openjdk-21-jdk' or Temurin 21+ from adoptium.net, or set JAVA_HOME to it." >&2
  return 1
}
