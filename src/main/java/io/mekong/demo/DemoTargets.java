package io.mekong.demo;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import org.springframework.stereotype.Component;

/** The simulated targets the demo delivers to: Klaviyo, Mailchimp, HubSpot and the merchant's webhook endpoint. */
@Component
@ConditionalOnSandbox
record DemoTargets(KlaviyoSimulator klaviyo, MailchimpSimulator mailchimp, HubSpotSimulator hubspot,
                   HookReceivers hooks) {
}
