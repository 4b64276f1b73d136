# SPDX-License-Identifier: MIT
# Sourced by the ci/ scripts that need a Debian suite the machine may not list (a kernel tree in
# bookworm-security, a debootstrap mirror). The archive is always the one the machine's own apt
# sources name: nothing here knows a host name.
#
#   apt_source_entries                 "URI SUITE SIGNED_BY" for every enabled deb source
#   apt_archive_uri SUITE              the archive URI that serves SUITE (derived, see below)
#   apt_private_state "SUITE..." DIR [COMPONENT...]
#                                      package lists for the SUITEs in DIR, apart from the machine's;
#                                      sets APT_PRIVATE_OPTS (options for apt-get / apt-cache)
#
# APT_SOURCES_ROOT (default /) is the root whose /etc/apt is read. CTS_DEBIAN_ARCHIVE_URI, when
# set, is the archive URI for every suite instead of the derived one (a local mirror that carries
# them all, or a path that does not exist, to check what a script does when it is unreachable).

# Prints one line "URI SUITE SIGNED_BY" (SIGNED_BY "-" when unset) per enabled `deb` source and
# suite, from sources.list, sources.list.d/*.list (one-line format) and sources.list.d/*.sources
# (deb822), in apt's order.
apt_source_entries() {
  local etc="${APT_SOURCES_ROOT:-}/etc/apt" f
  for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [opt=value ...] URI SUITE COMPONENT...
    awk '$1 == "deb" {
           signed = "-"; i = 2
           if ($2 ~ /^\[/) {
             for (; i <= NF; i++) {
               if ($i ~ /^\[?signed-by=/) { s = $i; sub(/^\[?signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
               if ($i ~ /\]$/) { i++; break }
             }
           }
           if (i + 1 <= NF) print $i, $(i + 1), signed
         }' "$f"
  done
  for f in "$etc"/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Paragraphs of "Field: value"; a blank line ends one. Continuation lines are ignored (apt
    # allows them only for Signed-By with an inline key, which is then used as the default).
    awk 'function flush(   n, u, s, i, j) {
           if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
             n = split(uris, u, " "); m = split(suites, s, " ")
             for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j], (signed == "" ? "-" : signed)
           }
           types = uris = suites = signed = enabled = ""
         }
         /^[ \t]*$/ { flush(); next }
         /^#/ { next }
         /^[A-Za-z-]+:/ {
           field = tolower($1); sub(/:$/, "", field); value = $0; sub(/^[^:]*:[ \t]*/, "", value)
           if (field == "types") types = value
           else if (field == "uris") uris = value
           else if (field == "suites") suites = value
           else if (field == "signed-by" && value ~ /^\//) signed = value
           else if (field == "enabled") enabled = value
         }
         END { flush() }' "$f"
  done
}

# Prints the archive URI for SUITE, derived from the machine's sources:
#   - a source that lists SUITE itself;
#   - SUITE "R-security": the security archive next to the one serving R (Debian's layout: the
#     archive path with "-security" appended, e.g. .../debian -> .../debian-security);
#   - any other suite (R-updates, R-backports, unstable, a newer release): the main archive, the
#     first source whose suite is not a -security one.
# Exit status 1 (and a message) when the machine lists no Debian source at all.
apt_archive_uri() {
  local suite="$1" entries uri
  if [ -n "${CTS_DEBIAN_ARCHIVE_URI:-}" ]; then
    printf '%s\n' "$CTS_DEBIAN_ARCHIVE_URI"
    return 0
  fi
  entries="$(apt_source_entries)"
  uri="$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$entries")"
  if [ -z "$uri" ] && [[ "$suite" == *-security ]]; then
    uri="$(awk -v r="${suite%-security}" '$2 == r { print $1; exit }' <<<"$entries")"
    [ -z "$uri" ] || uri="${uri%/}-security"
  fi
  if [ -z "$uri" ]; then
    uri="$(awk '$2 !~ /-security$/ { print $1; exit }' <<<"$entries")"
  fi
  if [ -z "$uri" ]; then
    echo "apt-sources: no deb source in ${APT_SOURCES_ROOT:-}/etc/apt/sources.list{,.d/} to derive the archive of $suite from" >&2
    return 1
  fi
  printf '%s\n' "$uri"
}

# Builds package lists for SUITES (one or more, space-separated, each from the archive
# apt_archive_uri derives for it; components: main unless given) in DIR, apart from the
# machine's own state (its sources, lists and cache are not touched), and sets APT_PRIVATE_OPTS
# to the options that make apt-get/apt-cache use them. APT_PRIVATE_TYPE=deb-src lists sources
# instead of binary packages (for apt-get source). Uses the keyring of the source the URI was
# derived from when it names one, else apt's trusted keys.
# Exit status: 0 lists fetched; 1 no source to derive the archive from; 3 the archive cannot be
# reached (apt-get update failed or fetched nothing; its log is DIR/update.log).
apt_private_state() {
  local suites="$1" dir="$2"
  shift 2
  local components="${*:-main}" suite uri uris="" signed opts
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/sources.list.d"
  dir="$(cd "$dir" && pwd)" # apt reads a relative Dir:: path as relative to its own directories
  : >"$dir/sources.list"
  for suite in $suites; do
    uri="$(apt_archive_uri "$suite")" || return 1
    signed="$(apt_source_entries | awk -v u="${uri%-security}" '$1 == u && $3 != "-" { print $3; exit }')"
    opts=""
    [ -z "$signed" ] || opts="[signed-by=$signed] "
    printf '%s %s%s %s %s\n' "${APT_PRIVATE_TYPE:-deb}" "$opts" "$uri" "$suite" "$components" >>"$dir/sources.list"
    case " $uris " in *" $uri "*) ;; *) uris="$uris $uri" ;; esac
  done
  APT_PRIVATE_OPTS=(-q -o "Dir::Etc::SourceList=$dir/sources.list" -o "Dir::Etc::SourceParts=$dir/sources.list.d"
                    -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache")
  # apt drops to the _apt user to fetch; as root keep root, which can write DIR.
  [ "$(id -u)" -ne 0 ] || APT_PRIVATE_OPTS+=(-o APT::Sandbox::User=root)
  if ! apt-get "${APT_PRIVATE_OPTS[@]}" update >"$dir/update.log" 2>&1 ||
     grep -q '^W: Failed to fetch\|^E: \|^Err:' "$dir/update.log"; then
    echo "apt-sources: cannot fetch the package lists of $suites (from$uris):" >&2
    grep '^W: \|^E: \|^Err:' "$dir/update.log" | head -n 5 >&2 || true
    return 3
  fi
}
