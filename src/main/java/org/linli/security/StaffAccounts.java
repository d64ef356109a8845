package org.linli.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.linli.audit.AuditLog;
import org.linli.channels.InputText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts: BCrypt-hashed passwords, a department, roles; the login source. */
@Service
public class StaffAccounts implements UserDetailsService {

  /** Granted to an account whose password must be changed before anything else. */
  public static final String PASSWORD_EXPIRED = "PASSWORD_EXPIRED";

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  StaffAccounts(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    record Row(String hash, boolean enabled, boolean mustChange, String roles) {}
    Row row =
        jdbc.sql("select password_hash, enabled, must_change_password, roles from staff_user where username = ?")
            .param(username)
            .query((rs, i) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4)))
            .optional()
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    List<SimpleGrantedAuthority> authorities =
        new java.util.ArrayList<>(
            parseRoles(row.roles()).stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
    if (row.mustChange()) {
      authorities.add(new SimpleGrantedAuthority(PASSWORD_EXPIRED));
    }
    return User.withUsername(username)
        .password(row.hash())
        .disabled(!row.enabled())
        .authorities(authorities)
        .build();
  }

  @Transactional(readOnly = true)
  public Optional<StaffMember> find(String username) {
    return jdbc.sql(
            "select username, display_name, department, roles, must_change_password from staff_user where username = ?")
        .param(username)
        .query(
            (rs, i) ->
                new StaffMember(
                    rs.getString(1), rs.getString(2), rs.getString(3), parseRoles(rs.getString(4)), rs.getBoolean(5)))
        .optional();
  }

  @Transactional(readOnly = true)
  public List<StaffMember> all() {
    return jdbc.sql(
            "select username, display_name, department, roles, must_change_password from staff_user order by username")
        .query(
            (rs, i) ->
                new StaffMember(
                    rs.getString(1), rs.getString(2), rs.getString(3), parseRoles(rs.getString(4)), rs.getBoolean(5)))
        .list();
  }

  @Transactional(readOnly = true)
  public boolean exists(String username) {
    return jdbc.sql("select count(*) from staff_user where username = ?").param(username).query(Integer.class).single() > 0;
  }

  /** Creates an account. With {@code mustChange}, the first login asks for a new password. */
  @Transactional
  public StaffMember create(
      String actor, String username, String displayName, String department, Set<StaffMember.Role> roles,
      String password, boolean mustChange) {
    if (username == null || !username.matches("[A-Za-z0-9._-]{2,64}")) {
      throw new IllegalArgumentException("a user name is 2-64 letters, digits, '.', '_' or '-'");
    }
    checkPassword(password);
    if (displayName != null
        && (displayName.length() > 64 || InputText.hasForbiddenCharacters(displayName))) {
      throw new IllegalArgumentException("a display name is at most 64 characters, no control characters");
    }
    jdbc.sql(
            "insert into staff_user (username, password_hash, display_name, department, roles, enabled,"
                + " must_change_password, created_at) values (?, ?, ?, ?, ?, true, ?, ?)")
        .params(
            username,
            encoder.encode(password),
            displayName == null || displayName.isBlank() ? username : displayName,
            department,
            roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
            mustChange,
            clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    audit.record(actor, "staff.create", "staff_user:" + username, "roles=" + roles + " department=" + department);
    return find(username).orElseThrow();
  }

  /** Changes a password (and lifts the forced change). */
  @Transactional
  public void changePassword(String username, String newPassword) {
    checkPassword(newPassword);
    jdbc.sql("update staff_user set password_hash = ?, must_change_password = false where username = ?")
        .params(encoder.encode(newPassword), username)
        .update();
    audit.record(username, "staff.password_changed", "staff_user:" + username, null);
  }

  public boolean matches(String username, String password) {
    try {
      return encoder.matches(password, loadUserByUsername(username).getPassword());
    } catch (UsernameNotFoundException e) {
      return false;
    }
  }

  /** A one-time password: 16 characters without look-alikes (0/O, 1/l). */
  String generatePassword() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < 10) {
      throw new IllegalArgumentException("a password has at least 10 characters");
    }
  }

  static Set<StaffMember.Role> parseRoles(String roles) {
    Set<StaffMember.Role> set = EnumSet.noneOf(StaffMember.Role.class);
    if (roles != null) {
      Arrays.stream(roles.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(s -> set.add(StaffMember.Role.valueOf(s)));
    }
    return set;
  }
}
