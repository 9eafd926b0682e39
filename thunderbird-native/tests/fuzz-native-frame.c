/* fuzz-native-frame.c: the host's framing and dispatch
 *
 * The input is what Thunderbird could write to the host: frames (a
 * 4-byte length and JSON) one after the other, or anything else. Every
 * frame read must get one answer that is valid UTF-8 JSON within the
 * answer limit; nothing may crash, leak or go critical.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <todoke.h>

#include "fuzz.h"
#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"

static TodokeNativeDispatch *
dispatcher (void)
{
  static TodokeNativeDispatch *shared;

  if (g_once_init_enter (&shared))
    {
      g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);

      TodokeNativeDispatch *dispatch;
      TodokeProbe *probe;

      g_assert (rules != NULL);
      dispatch = todoke_native_dispatch_new (rules);
      /* "diagnose" must not reach the network: a DNS server and
       * submission ports on 127.0.0.1 where nothing listens. */
      probe = todoke_native_dispatch_get_probe (dispatch);
      g_assert (todoke_probe_set_dns_server (probe, "127.0.0.1:9", NULL));
      todoke_probe_set_submission_ports (probe, 9, 9, 9);
      todoke_probe_set_mta_sts_port (probe, 9);
      todoke_probe_set_timeout (probe, 200);
      /* Inputs are short: lift even short "raw" and "data" strings out
       * of their frames, so the lifting is fuzzed too. */
      todoke_native_dispatch_set_lift_min (dispatch, 16);
      g_once_init_leave (&shared, dispatch);
    }
  return shared;
}

static void
check_answer (const char *answer)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_assert (strlen (answer) <= TODOKE_NATIVE_MAX_ANSWER);
  g_assert (g_utf8_validate (answer, -1, NULL));
  node = json_from_string (answer, NULL);
  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert (json_object_has_member (object, "id"));
  g_assert (json_object_has_member (object, "result") != json_object_has_member (object, "error"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) input = NULL;
  GBytes *frame;

  todoke_fuzz_set_up ();
  input = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) report = NULL;
      g_autofree char *answer = NULL;

      frame = todoke_native_channel_read (input, 1024 * 1024, NULL, &error);
      if (frame == NULL)
        {
          if (error != NULL)
            {
              answer = todoke_native_dispatch_error_answer (NULL, error);
              check_answer (answer);
            }
          break;
        }
      answer = todoke_native_dispatch_handle (dispatcher (), frame, &report);
      check_answer (answer);
      g_assert (report == NULL || g_variant_is_of_type (report, G_VARIANT_TYPE_VARDICT));
    }

  return 0;
}
