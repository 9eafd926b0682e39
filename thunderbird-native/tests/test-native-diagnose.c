/* test-native-diagnose.c: "checks" and "diagnose", against local peers only
 *
 * The address check needs no network; the server checks run against a
 * closed port on 127.0.0.1.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "native-test-utils.h"

static void
test_checks_and_address (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) checks = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) typo = NULL;
  JsonArray *ids;
  JsonObject *finding;

  host_start (&host);
  checks = host_call (&host, "{\"id\": 1, \"method\": \"checks\", \"params\": {\"reason\": \"userunknown\"}}");
  ids = json_object_get_array_member (result_of (checks), "checks");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "address");
  none = host_call (&host, "{\"id\": 2, \"method\": \"checks\", \"params\": {\"reason\": \"mailboxfull\"}}");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result_of (none), "checks")), ==, 0);
  typo = host_call (&host, "{\"id\": 3, \"method\": \"diagnose\", \"params\": {\"recipient\": \"taro@gmial.com\", "
                           "\"checks\": [\"address\"], \"locale\": \"ja\"}}");
  finding = find_finding (typo, "address");
  g_assert_cmpstr (json_object_get_string_member (finding, "status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (finding, "suggestion"), ==, "taro@gmail.com");
  g_assert_cmpstr (json_object_get_string_member (finding, "lang"), ==, "ja");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The server checks of a failed connection, against a closed port on
 * 127.0.0.1 (the probe's submission ports pointed there too). */
static void
test_diagnose_server (void)
{
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);
  g_autoptr(TodokeNativeDispatch) dispatch = todoke_native_dispatch_new (rules);
  guint16 port = closed_port ();
  g_autofree char *request = g_strdup_printf ("{\"id\": 1, \"method\": \"diagnose\", \"params\": "
                                              "{\"server\": \"127.0.0.1:%u\", \"reason\": \"send_connection_refused\", "
                                              "\"locale\": \"en\"}}", port);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) bad = NULL;
  JsonObject *finding;

  todoke_probe_set_submission_ports (todoke_native_dispatch_get_probe (dispatch), port, port, port);
  todoke_probe_set_timeout (todoke_native_dispatch_get_probe (dispatch), 5000);
  answer = dispatch_call (dispatch, request);
  finding = find_finding (answer, "server-ports");
  g_assert_cmpstr (json_object_get_string_member (finding, "status"), ==, "problem");
  g_assert_cmpstr (json_object_get_string_member (finding, "reason"), ==, "send_connection_refused");
  g_assert_cmpstr (json_object_get_string_member (finding, "lang"), ==, "en");
  bad = dispatch_call (dispatch, "{\"id\": 2, \"method\": \"diagnose\", \"params\": "
                                 "{\"server\": \"[::1\", \"locale\": \"en\"}}");
  g_assert_cmpstr (error_code_of (bad), ==, "invalid-params");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke-native/checks-and-address", test_checks_and_address);
  g_test_add_func ("/todoke-native/diagnose-server", test_diagnose_server);

  return g_test_run ();
}
