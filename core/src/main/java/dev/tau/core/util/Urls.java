package dev.tau.core.util;

import java.net.URI;

/** Shows URLs in messages without the parts that can hold secrets (user info, query, fragment). */
public final class Urls {
  private Urls() {}

  /**
   * {@code scheme://host[:port]/path}, with {@code user:password@}, {@code ?query} and {@code
   * #fragment} replaced by {@code ***}. Text that is not a URL, or has an {@code @} outside the
   * authority, shows nothing between {@code ://} and the last {@code @}, nor after {@code ?} or
   * {@code #}.
   */
  public static String redact(String url) {
    if (url == null) {
      return "";
    }
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() != null
          && uri.getRawAuthority() != null
          && !hasAt(uri.getRawPath())
          && !hasAt(uri.getRawQuery())
          && !hasAt(uri.getRawFragment())) {
        StringBuilder sb = new StringBuilder(uri.getScheme()).append("://");
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
          sb.append("***@");
          authority = authority.substring(at + 1);
        }
        sb.append(authority);
        sb.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
          sb.append("?***");
        }
        return sb.toString();
      }
    } catch (IllegalArgumentException notAUri) {
      // fall through to the plain-text rule
    }
    // An '@' outside the parsed authority means a password with '/', '?' or '#' split the URL in
    // the wrong place: hide everything up to the last '@'.
    String s = url.strip();
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      int scheme = s.indexOf("://");
      s = (scheme >= 0 && scheme < at ? s.substring(0, scheme + 3) : "") + "***" + s.substring(at);
    }
    int cut = indexOfAny(s, '?', '#');
    return cut >= 0 ? s.substring(0, cut) + "?***" : s;
  }

  public static String redact(URI uri) {
    return uri == null ? "" : redact(uri.toString());
  }

  private static boolean hasAt(String part) {
    return part != null && part.indexOf('@') >= 0;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
