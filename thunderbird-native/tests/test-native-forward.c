/* test-native-forward.c: the hand-over of failures to the desktop app
 *
 * The test runs under dbus-run-session and owns io.github.todoke.Todoke
 * itself, exporting the Reports interface from data/dbus/ and recording
 * what Report receives, as the real app will; a hung app and no app at
 * all must not delay or stop the answers.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "native-test-utils.h"

typedef struct
{
  GPtrArray *reports;
  gboolean   answer;
} App;

static void
app_method_call (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *object_path,
                 const char            *interface_name,
                 const char            *method_name,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  App *app = user_data;
  GVariant *failure = NULL;

  g_assert_cmpstr (method_name, ==, "Report");
  g_variant_get (parameters, "(@a{sv})", &failure);
  g_ptr_array_add (app->reports, failure);
  if (app->answer)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(s)", "history-1"));
  else
    g_object_unref (invocation);   /* a hung app: never answers */
}

static guint
app_register (GDBusConnection *bus,
              App             *app)
{
  static const GDBusInterfaceVTable vtable = { app_method_call, NULL, NULL, { 0 } };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "dbus",
                                                 "io.github.todoke.Todoke.Reports.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  guint id;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  id = g_dbus_connection_register_object (bus, "/io/github/todoke/Todoke", node->interfaces[0],
                                          &vtable, app, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
own_name (GDBusConnection *bus,
          const char      *name,
          gboolean         own)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", own ? "RequestName" : "ReleaseName",
                                       own ? g_variant_new ("(su)", name, 4) : g_variant_new ("(s)", name),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

static void
test_forward (gconstpointer data)
{
  gboolean answer = GPOINTER_TO_INT (data);
  App app = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref), answer };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *text = bounce_text ();
  g_autofree char *request = classify_message_request (text, "text");
  Host host = { 0, };
  gint64 deadline;
  guint id;
  const char *source = NULL;
  const char *reply_text = NULL;
  g_autoptr(GVariant) message = NULL;

  g_assert_no_error (error);
  id = app_register (bus, &app);
  own_name (bus, APP_ID, TRUE);

  host_start (&host);
  {
    g_autoptr(JsonNode) reply = host_call (&host, "{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                                                  "{\"text\": \"550 5.1.1 User unknown\", \"locale\": \"ja\", "
                                                  "\"recipients\": [\"taro@example.jp\"]}}");
    g_autoptr(JsonNode) bounce = host_call (&host, request);
    g_autoptr(JsonNode) hello = host_call (&host, "{\"id\": 3, \"method\": \"hello\"}");

    g_assert_cmpstr (json_object_get_string_member (first_diagnosis (reply), "reason"), ==, "userunknown");
    assert_bounce_answer (bounce);
    g_assert_nonnull (result_of (hello));
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (app.reports->len < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (app.reports->len, ==, 2);

  g_assert_true (g_variant_lookup (g_ptr_array_index (app.reports, 0), "text", "&s", &reply_text));
  g_assert_cmpstr (reply_text, ==, "550 5.1.1 User unknown");
  g_assert_true (g_variant_lookup (g_ptr_array_index (app.reports, 0), "source", "&s", &source));
  g_assert_cmpstr (source, ==, "thunderbird");
  message = g_variant_lookup_value (g_ptr_array_index (app.reports, 1), "message", G_VARIANT_TYPE_BYTESTRING);
  g_assert_nonnull (message);
  g_assert_cmpuint (g_variant_get_size (message), ==, strlen (text));

  /* A hung app delays the exit by the call's timeout at most. */
  deadline = g_get_monotonic_time ();
  g_assert_cmpint (host_finish (&host), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - deadline, <, 5 * G_USEC_PER_SEC);

  own_name (bus, APP_ID, FALSE);
  g_dbus_connection_unregister_object (bus, id);
  g_ptr_array_unref (app.reports);
}

/* No app on the bus: the host answers all the same. */
static void
test_forward_no_app (void)
{
  Host host = { 0, };
  g_autoptr(JsonNode) reply = NULL;

  host_start (&host);
  reply = host_call (&host, "{\"id\": 1, \"method\": \"classify-reply\", \"params\": "
                            "{\"text\": \"550 5.1.1 User unknown\", \"locale\": \"en\"}}");
  g_assert_cmpstr (json_object_get_string_member (first_diagnosis (reply), "reason"), ==, "userunknown");
  g_assert_cmpint (host_finish (&host), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/todoke-native/forward", GINT_TO_POINTER (TRUE), test_forward);
  g_test_add_data_func ("/todoke-native/forward-hung-app", GINT_TO_POINTER (FALSE), test_forward);
  g_test_add_func ("/todoke-native/forward-no-app", test_forward_no_app);

  return g_test_run ();
}
