import type { MaintenanceWindow, ServiceCriticality } from '@itsm/contracts';
import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { serviceDecider } from './decide';
import { OfferingNotFound } from './errors';
import {
  addDependency, addOffering, addTemplate, calendarId, costModel, costModelSet, defaultOfferingChanged, dependencyAdded,
  gold, maintenanceWindowsSet, now, offering, offeringAdded, otherServiceId, register, registered, removeDependency,
  removeOffering, retire, retired, saturdayNight, serviceId, setCostModel, setMaintenanceWindows, silver, slaTargets,
  takeLive, template, templateAdded, templateId, thirdServiceId, update, updateOffering, wentLive,
} from './service.builders';

const spec = deciderSpecification(serviceDecider, expect);
const given = spec.given.bind(spec);
const at = now.toISOString();
const goldAsDefault = [offeringAdded(gold, 'Gold', true), defaultOfferingChanged(gold, null)];

describe('Service decider', () => {
  describe('when not registered', () => {
    it('registers a service in the pipeline with the number it was given', () => {
      given([]).when(register()).then([registered]);
    });
    it.each([
      ['an update', update({ name: 'Mail' })],
      ['going live', takeLive()],
      ['retiring', retire()],
      ['an offering', addOffering()],
      ['a dependency', addDependency(otherServiceId)],
      ['a cost model', setCostModel()],
      ['a change template', addTemplate()],
      ['maintenance windows', setMaintenanceWindows()],
      ['an offering change', updateOffering(gold, { name: 'Platinum' })],
      ['removing an offering', removeOffering(gold)],
    ])('refuses %s', (_what, command) => {
      given([]).when(command).thenThrows(IllegalTransition, /not registered/);
    });
  });

  describe('when in the pipeline', () => {
    it('refuses registering it again', () => {
      given([registered]).when(register()).thenThrows(IllegalTransition, /SVC0000001 is already registered/);
    });
    it('records only the fields that change', () => {
      given([registered])
        .when(update({ name: 'Mail', description: 'Corporate email', ownerGroup: undefined }))
        .then([{ type: 'ServiceUpdated', data: { serviceId, changes: { name: 'Mail' } } }]);
    });
    it('records nothing when an update changes nothing', () => {
      given([registered]).when(update({ name: 'Email', kind: 'business' })).thenNothingHappens();
    });
    it('applies earlier updates before comparing', () => {
      const renamed = { type: 'ServiceUpdated' as const, data: { serviceId, changes: { name: 'Mail' } } };
      given([registered, renamed]).when(update({ name: 'Mail' })).thenNothingHappens();
    });
    it('goes live', () => {
      given([registered]).when(takeLive()).then([wentLive]);
    });
    it('retires straight from the pipeline', () => {
      given([registered]).when(retire()).then([retired('pipeline')]);
    });
    it('records the reason for retiring', () => {
      given([registered])
        .when(retire('replaced by Exchange Online'))
        .then([{ type: 'ServiceRetired', data: { serviceId, previousLifecycle: 'pipeline', reason: 'replaced by Exchange Online', retiredAt: at } }]);
    });
  });

  describe('when live', () => {
    it('refuses going live again', () => {
      given([registered, wentLive]).when(takeLive()).thenThrows(IllegalTransition, /is live: only a service in the pipeline/);
    });
    it('retires', () => {
      given([registered, wentLive]).when(retire()).then([retired('live')]);
    });
    it('still takes updates', () => {
      given([registered, wentLive])
        .when(update({ supportGroup: 'messaging-l2' }))
        .then([{ type: 'ServiceUpdated', data: { serviceId, changes: { supportGroup: 'messaging-l2' } } }]);
    });
  });

  describe('criticality', () => {
    it('registers a service as medium when no criticality is given', () => {
      given([]).when(register()).then([registered]);
    });
    it.each(['low', 'medium', 'high', 'critical'] as ServiceCriticality[])('registers a service as %s', (criticality) => {
      given([]).when(register({ criticality })).then([{ ...registered, data: { ...registered.data, criticality } } as typeof registered]);
    });
    it('refuses a criticality that is not low, medium, high or critical', () => {
      given([]).when(register({ criticality: 'vital' as ServiceCriticality })).thenThrows(RuleViolation, /"vital" is not a criticality \(low, medium, high, critical\)/);
    });
    it('changes the criticality with an update', () => {
      given([registered])
        .when(update({ criticality: 'critical' }))
        .then([{ type: 'ServiceUpdated', data: { serviceId, changes: { criticality: 'critical' } } }]);
    });
    it('records nothing when the criticality stays the same', () => {
      given([registered]).when(update({ criticality: 'medium' })).thenNothingHappens();
    });
    it('refuses an update to an unknown criticality', () => {
      given([registered]).when(update({ criticality: 'urgent' as ServiceCriticality })).thenThrows(RuleViolation, /"urgent" is not a criticality/);
    });
  });

  describe('when retired', () => {
    const history = [registered, wentLive, retired()];
    const historyWithGold = [registered, ...goldAsDefault, wentLive, retired()];
    it('refuses retiring again', () => {
      given(history).when(retire()).thenThrows(IllegalTransition, /already retired/);
    });
    it('refuses going live again', () => {
      given(history).when(takeLive()).thenThrows(IllegalTransition, /is retired/);
    });
    it.each([
      ['updates', update({ name: 'Mail' })],
      ['new offerings', addOffering()],
      ['offering changes', updateOffering(gold, { name: 'Platinum' })],
      ['offering changes', removeOffering(gold)],
      ['new dependencies', addDependency(otherServiceId)],
      ['dependency changes', removeDependency(otherServiceId)],
      ['cost model', setCostModel()],
      ['new change templates', addTemplate()],
      ['maintenance windows', setMaintenanceWindows()],
      ['updates', update({ criticality: 'high' })],
    ])('takes no %s', (what, command) => {
      given(historyWithGold).when(command).thenThrows(IllegalTransition, new RegExp(`SVC0000001 is retired and takes no ${what}`));
    });
    it.each([
      ['changing', updateOffering(silver, { name: 'Platinum' })],
      ['removing', removeOffering(silver)],
    ])('answers %s an offering it never had as not found, not as retired', (_what, command) => {
      given(history).when(command).thenThrows(OfferingNotFound, /SVC0000001 has no offering/);
    });
  });

  describe('offerings', () => {
    describe('when the service has none', () => {
      it('makes the first offering the default even when not asked to', () => {
        given([registered]).when(addOffering({ default: false })).then(goldAsDefault);
      });
      it('refuses an offering on a calendar that does not exist', () => {
        given([registered])
          .when(addOffering({ calendarExists: false }))
          .thenThrows(RuleViolation, new RegExp(`Calendar ${calendarId} does not exist`));
      });
      it('refuses SLA targets that leave a priority out', () => {
        const partial: Partial<ReturnType<typeof slaTargets>> = slaTargets();
        delete partial.P5;
        given([registered])
          .when(addOffering({ slaTargets: partial as ReturnType<typeof slaTargets> }))
          .thenThrows(RuleViolation, /P5 is missing/);
      });
      it('refuses a response target after the resolution target', () => {
        given([registered])
          .when(addOffering({ slaTargets: slaTargets({ P2: { responseMinutes: 500, resolutionMinutes: 480 } }) }))
          .thenThrows(RuleViolation, /P2 response target \(500 min\) exceeds its resolution target \(480 min\)/);
      });
      it.each([0, -5, 1.5, Number.NaN])('refuses %p minutes', (minutes) => {
        given([registered])
          .when(addOffering({ slaTargets: slaTargets({ P3: { responseMinutes: minutes, resolutionMinutes: 600 } }) }))
          .thenThrows(RuleViolation, /P3 responseMinutes must be a positive whole number/);
      });
      it('accepts equal response and resolution targets', () => {
        const same = slaTargets({ P1: { responseMinutes: 60, resolutionMinutes: 60 } });
        given([registered])
          .when(addOffering({ slaTargets: same }))
          .then([{ type: 'ServiceOfferingAdded', data: { serviceId, ...offering(gold, 'Gold', true), slaTargets: same } }, defaultOfferingChanged(gold, null)]);
      });
    });

    describe('when the service has a default offering', () => {
      const withGold = [registered, ...goldAsDefault];
      it('adds a non-default offering', () => {
        given(withGold).when(addOffering({ offeringId: silver, name: 'Silver' })).then([offeringAdded(silver, 'Silver', false)]);
      });
      it('moves the default to an added default offering', () => {
        given(withGold)
          .when(addOffering({ offeringId: silver, name: 'Silver', default: true }))
          .then([offeringAdded(silver, 'Silver', true), defaultOfferingChanged(silver, gold)]);
      });
      it('refuses an offering id twice', () => {
        given(withGold).when(addOffering({ name: 'Other' })).thenThrows(RuleViolation, /already has offering/);
      });
      it('refuses a second offering of the same name (case-insensitive)', () => {
        given(withGold).when(addOffering({ offeringId: silver, name: ' gold ' })).thenThrows(RuleViolation, /offering named " gold "/);
      });
      it('updates an offering and carries the whole offering', () => {
        const targets = slaTargets({ P1: { responseMinutes: 10, resolutionMinutes: 120 } });
        given(withGold)
          .when(updateOffering(gold, { name: 'Gold+', slaTargets: targets }))
          .then([{ type: 'ServiceOfferingUpdated', data: { serviceId, ...offering(gold, 'Gold+', true), slaTargets: targets } }]);
      });
      it('records nothing when an offering update changes nothing', () => {
        given(withGold).when(updateOffering(gold, { name: 'Gold', slaTargets: slaTargets(), default: true })).thenNothingHappens();
      });
      it('refuses moving an offering to a calendar that does not exist', () => {
        const otherCalendar = '0190f3a4-0000-7000-8000-0000000000c2';
        given(withGold).when(updateOffering(gold, { calendarId: otherCalendar }, false)).thenThrows(RuleViolation, /does not exist/);
      });
      it('moves an offering to another calendar that exists', () => {
        const otherCalendar = '0190f3a4-0000-7000-8000-0000000000c2';
        given(withGold)
          .when(updateOffering(gold, { calendarId: otherCalendar }, true))
          .then([{ type: 'ServiceOfferingUpdated', data: { serviceId, ...offering(gold, 'Gold', true), calendarId: otherCalendar } }]);
      });
      it('refuses invalid SLA targets on update', () => {
        given(withGold)
          .when(updateOffering(gold, { slaTargets: slaTargets({ P4: { responseMinutes: 0, resolutionMinutes: 10 } }) }))
          .thenThrows(RuleViolation, /P4 responseMinutes/);
      });
      it('refuses un-defaulting the default offering', () => {
        given(withGold).when(updateOffering(gold, { default: false })).thenThrows(RuleViolation, /exactly one default/);
      });
      it('answers updating an offering the service does not have as not found', () => {
        given(withGold).when(updateOffering(silver, { name: 'Silver' })).thenThrows(OfferingNotFound, new RegExp(`SVC0000001 has no offering ${silver}`));
      });
      it('removes the default offering when it is the only one', () => {
        given(withGold)
          .when(removeOffering(gold))
          .then([{ type: 'ServiceOfferingRemoved', data: { serviceId, offeringId: gold } }]);
      });
      it('answers removing an offering the service does not have as not found', () => {
        given(withGold).when(removeOffering(silver)).thenThrows(OfferingNotFound, new RegExp(`SVC0000001 has no offering ${silver}`));
      });
      it('answers removing an offering that was already removed as not found', () => {
        const removed = { type: 'ServiceOfferingRemoved' as const, data: { serviceId, offeringId: gold } };
        given([...withGold, removed]).when(removeOffering(gold)).thenThrows(OfferingNotFound);
      });
      it('makes the next offering the default once the only one was removed', () => {
        const removed = { type: 'ServiceOfferingRemoved' as const, data: { serviceId, offeringId: gold } };
        given([...withGold, removed])
          .when(addOffering({ offeringId: silver, name: 'Silver' }))
          .then([offeringAdded(silver, 'Silver', true), defaultOfferingChanged(silver, null)]);
      });
    });

    describe('when the service has a default and another offering', () => {
      const withGoldAndSilver = [registered, ...goldAsDefault, offeringAdded(silver, 'Silver', false)];
      it('makes another offering the default', () => {
        given(withGoldAndSilver)
          .when(updateOffering(silver, { default: true }))
          .then([
            { type: 'ServiceOfferingUpdated', data: { serviceId, ...offering(silver, 'Silver', true) } },
            defaultOfferingChanged(silver, gold),
          ]);
      });
      it('refuses renaming an offering to the name of another', () => {
        given(withGoldAndSilver).when(updateOffering(silver, { name: 'GOLD' })).thenThrows(RuleViolation, /offering named "GOLD"/);
      });
      it('removes a non-default offering', () => {
        given(withGoldAndSilver)
          .when(removeOffering(silver))
          .then([{ type: 'ServiceOfferingRemoved', data: { serviceId, offeringId: silver } }]);
      });
      it('refuses removing the default while others remain', () => {
        given(withGoldAndSilver).when(removeOffering(gold)).thenThrows(RuleViolation, /default offering cannot be removed/);
      });
    });
  });

  describe('maintenance windows', () => {
    const windows = (...list: MaintenanceWindow[]) => ({ timeZone: 'Europe/Berlin', windows: list });
    it('sets the weekly windows, crossing midnight, as one set', () => {
      given([registered]).when(setMaintenanceWindows()).then([maintenanceWindowsSet()]);
    });
    it('replaces the whole set', () => {
      const sundays = windows({ day: 'sun', from: '06:00', to: '10:00' });
      given([registered, maintenanceWindowsSet()]).when(setMaintenanceWindows(sundays)).then([maintenanceWindowsSet(sundays)]);
    });
    it('clears the windows with an empty set', () => {
      given([registered, maintenanceWindowsSet()]).when(setMaintenanceWindows({ windows: [] })).then([maintenanceWindowsSet(windows())]);
    });
    it('records nothing when the set is the same', () => {
      given([registered, maintenanceWindowsSet()]).when(setMaintenanceWindows()).thenNothingHappens();
    });
    it('records an empty set the first time: the windows are known to be none', () => {
      given([registered]).when(setMaintenanceWindows({ windows: [] })).then([maintenanceWindowsSet(windows())]);
    });
    it('sorts the windows by their start in the week and spells the zone as the time-zone database does', () => {
      given([registered])
        .when(setMaintenanceWindows({ timeZone: 'europe/berlin', windows: [{ day: 'sun', from: '22:00', to: '02:00' }, { day: 'tue', from: '20:00', to: '24:00' }, { day: 'tue', from: '01:00', to: '03:00' }] }))
        .then([maintenanceWindowsSet(windows({ day: 'tue', from: '01:00', to: '03:00' }, { day: 'tue', from: '20:00', to: '24:00' }, { day: 'sun', from: '22:00', to: '02:00' }))]);
    });
    it('accepts windows that touch, across midnight too', () => {
      const touching = windows({ day: 'sat', from: '18:00', to: '22:00' }, { day: 'sat', from: '22:00', to: '02:00' }, { day: 'sun', from: '02:00', to: '04:00' });
      given([registered]).when(setMaintenanceWindows(touching)).then([maintenanceWindowsSet(touching)]);
    });
    it('accepts a whole day, 00:00–24:00', () => {
      given([registered]).when(setMaintenanceWindows(windows({ day: 'sun', from: '00:00', to: '24:00' }))).then([maintenanceWindowsSet(windows({ day: 'sun', from: '00:00', to: '24:00' }))]);
    });
    it('refuses overlapping windows on the same day', () => {
      given([registered])
        .when(setMaintenanceWindows(windows({ day: 'wed', from: '20:00', to: '23:00' }, { day: 'wed', from: '22:00', to: '23:30' })))
        .thenThrows(RuleViolation, /wed 20:00–23:00 overlaps wed 22:00–23:30/);
    });
    it('refuses a window crossing midnight into the next day’s window', () => {
      given([registered])
        .when(setMaintenanceWindows(windows({ day: 'sat', from: '22:00', to: '06:00' }, { day: 'sun', from: '05:00', to: '08:00' })))
        .thenThrows(RuleViolation, /sat 22:00–06:00 overlaps sun 05:00–08:00/);
    });
    it('refuses a Sunday window running into Monday’s', () => {
      given([registered])
        .when(setMaintenanceWindows(windows({ day: 'mon', from: '00:30', to: '02:00' }, { day: 'sun', from: '23:00', to: '01:00' })))
        .thenThrows(RuleViolation, /sun 23:00–01:00 overlaps mon 00:30–02:00/);
    });
    it('refuses the same window twice', () => {
      given([registered])
        .when(setMaintenanceWindows(windows({ day: 'fri', from: '22:00', to: '23:00' }, { day: 'fri', from: '22:00', to: '23:00' })))
        .thenThrows(RuleViolation, /overlaps/);
    });
    it('refuses a window whose ends are equal', () => {
      given([registered]).when(setMaintenanceWindows(windows({ day: 'mon', from: '22:00', to: '22:00' }))).thenThrows(RuleViolation, /must differ/);
    });
    it.each([
      ['9:00', '10:00'], ['24:00', '02:00'], ['12:60', '13:00'], ['22:00', '24:01'], ['22:00', '25:00'], ['noon', '13:00'],
    ])('refuses the times %p–%p', (from, to) => {
      given([registered]).when(setMaintenanceWindows(windows({ day: 'mon', from, to }))).thenThrows(RuleViolation, /is not a time of day/);
    });
    it('refuses a day that is not a weekday', () => {
      given([registered])
        .when(setMaintenanceWindows(windows({ day: 'saturday' as 'sat', from: '22:00', to: '23:00' })))
        .thenThrows(RuleViolation, /"saturday" is not a weekday/);
    });
    it.each(['Mars/Olympus', 'Berlin', ''])('refuses the time zone %p', (timeZone) => {
      given([registered]).when(setMaintenanceWindows({ timeZone })).thenThrows(RuleViolation, /is not an IANA time zone/);
    });
    it('keeps the windows while the service is live', () => {
      given([registered, maintenanceWindowsSet(), wentLive])
        .when(setMaintenanceWindows(saturdayNight))
        .thenNothingHappens();
    });
  });

  describe('cost model', () => {
    it('sets the cost model', () => {
      given([registered]).when(setCostModel()).then([costModelSet]);
    });
    it('accepts a free service', () => {
      given([registered])
        .when(setCostModel({ fixedMonthlyCost: 0, unitRate: 0 }))
        .then([{ type: 'ServiceCostModelSet', data: { serviceId, ...costModel, fixedMonthlyCost: 0, unitRate: 0 } }]);
    });
    it('replaces an earlier cost model', () => {
      given([registered, costModelSet])
        .when(setCostModel({ unitRate: 5 }))
        .then([{ type: 'ServiceCostModelSet', data: { serviceId, ...costModel, unitRate: 5 } }]);
    });
    it('records nothing when the cost model is unchanged', () => {
      given([registered, costModelSet]).when(setCostModel()).thenNothingHappens();
    });
    it('refuses a negative fixed monthly cost', () => {
      given([registered]).when(setCostModel({ fixedMonthlyCost: -1 })).thenThrows(RuleViolation, /fixed monthly cost must be zero or more/);
    });
    it.each([-0.01, Number.POSITIVE_INFINITY])('refuses a unit rate of %p', (unitRate) => {
      given([registered]).when(setCostModel({ unitRate })).thenThrows(RuleViolation, /unit rate must be zero or more/);
    });
  });

  describe('change templates', () => {
    it('adds a standard change template', () => {
      given([registered]).when(addTemplate()).then([templateAdded]);
    });
    it('refuses a template id twice', () => {
      given([registered, templateAdded]).when(addTemplate({ name: 'Other' })).thenThrows(RuleViolation, new RegExp(`change template ${templateId}`));
    });
    it('refuses a second template of the same name', () => {
      const otherId = '0190f3a4-0000-7000-8000-0000000000f2';
      given([registered, templateAdded]).when(addTemplate({ templateId: otherId, name: 'add MAILBOX' })).thenThrows(RuleViolation, /named "add MAILBOX"/);
    });
    it('refuses a template without steps', () => {
      given([registered]).when(addTemplate({ steps: [] })).thenThrows(RuleViolation, /at least one step/);
    });
    it('refuses a blank step', () => {
      given([registered]).when(addTemplate({ steps: [...template.steps, '  '] })).thenThrows(RuleViolation, /no step may be blank/);
    });
  });

  describe('dependencies', () => {
    it('adds a dependency on a live service', () => {
      given([registered]).when(addDependency(otherServiceId)).then([dependencyAdded(otherServiceId)]);
    });
    it('adds a dependency on a service still in the pipeline', () => {
      given([registered]).when(addDependency(otherServiceId, { dependsOnLifecycle: 'pipeline' })).then([dependencyAdded(otherServiceId)]);
    });
    it('refuses a dependency on itself', () => {
      given([registered]).when(addDependency(serviceId)).thenThrows(RuleViolation, /cannot depend on itself/);
    });
    it('refuses the same dependency twice', () => {
      given([registered, dependencyAdded(otherServiceId)]).when(addDependency(otherServiceId)).thenThrows(RuleViolation, /already depends on/);
    });
    it('refuses a dependency on a service that does not exist', () => {
      given([registered])
        .when(addDependency(otherServiceId, { dependsOnLifecycle: null }))
        .thenThrows(RuleViolation, new RegExp(`${otherServiceId} does not exist`));
    });
    it('refuses a dependency on a retired service', () => {
      given([registered]).when(addDependency(otherServiceId, { dependsOnLifecycle: 'retired' })).thenThrows(RuleViolation, /is retired/);
    });
    it('refuses a dependency on a service that depends on this one directly', () => {
      given([registered]).when(addDependency(otherServiceId, { dependents: [otherServiceId] })).thenThrows(RuleViolation, /create a cycle/);
    });
    it('refuses a dependency on a service that depends on this one transitively', () => {
      given([registered])
        .when(addDependency(thirdServiceId, { dependents: [otherServiceId, thirdServiceId] }))
        .thenThrows(RuleViolation, /create a cycle/);
    });
    it('allows a dependency when only unrelated services depend on this one', () => {
      given([registered]).when(addDependency(thirdServiceId, { dependents: [otherServiceId] })).then([dependencyAdded(thirdServiceId)]);
    });
    it('removes a dependency', () => {
      given([registered, dependencyAdded(otherServiceId)])
        .when(removeDependency(otherServiceId))
        .then([{ type: 'ServiceDependencyRemoved', data: { serviceId, dependsOnServiceId: otherServiceId } }]);
    });
    it('refuses removing a dependency that does not exist', () => {
      given([registered]).when(removeDependency(otherServiceId)).thenThrows(RuleViolation, /does not depend on/);
    });
    it('adds a dependency again after it was removed', () => {
      const removed = { type: 'ServiceDependencyRemoved' as const, data: { serviceId, dependsOnServiceId: otherServiceId } };
      given([registered, dependencyAdded(otherServiceId), removed]).when(addDependency(otherServiceId)).then([dependencyAdded(otherServiceId)]);
    });
  });
});
