import { expect, it } from 'vitest';
import { api, createOrganization, eventsSettled, signInAs, uniqueSuffix } from '../../test/integ/api';

it("shows an organization's new name in the engagement overview after a rename", async () => {
  // Prepare
  const admin = await signInAs('admin');
  const org = await createOrganization(admin.token);
  const created = await api('POST', `/api/orgs/${org.id}/engagements`, {
    token: admin.token,
    body: { projectName: 'Rename Watch' },
  });
  expect(created.status).toBe(201);
  const newName = `Renamed ${uniqueSuffix()}`;

  // Act
  const renamed = await api('PATCH', `/api/orgs/${org.id}`, {
    token: admin.token,
    body: { version: org.version, name: newName },
  });
  expect(renamed.status).toBe(200);
  await eventsSettled();

  // Assess
  const overview = await api(
    'GET',
    `/api/engagements?q=${encodeURIComponent(newName.toLowerCase())}&sort=name`,
    {
      token: admin.token,
    },
  );
  expect(overview.status).toBe(200);
  expect(
    overview.json.items.map((item: { id: string; organizationName: string }) => [
      item.id,
      item.organizationName,
    ]),
  ).toEqual([[created.json.id, newName]]);
});
