# -*- coding: utf-8 -*-
"""A feed App in tcex 0.8's style: batch, save after each object, submit_all()[0], results_tc."""
from job_app import JobApp


class App(JobApp):
    """Send a few Addresses and an Adversary in one batch."""

    def run(self):
        """Build, save and submit the batch."""
        if self.args.fail_with:
            raise RuntimeError(self.args.fail_with)
        batch = self.tcex.batch(self.args.api_default_org)
        adversary = batch.adversary('tcex 0.8 template adversary')
        adversary.attribute('Description', 'made by the template App', True)
        batch.save(adversary)
        for number in range(self.args.indicator_count):
            ip = '10.8.0.{}'.format(number + 1)
            indicator = batch.address(ip, '3.0', '80')
            indicator.attribute('Description', 'template address {}'.format(ip), displayed=True)
            indicator.tag('tcex-0.8-template')
            indicator.security_label('TLP Green')
            indicator.association(adversary.xid)
            batch.save(indicator)

        batch_status = batch.submit_all()
        self.tcex.log.debug('batch status: {}'.format(batch_status))
        if batch_status[0].get('errors'):
            self.tcex.playbook.exit(1, 'batch errors: {}'.format(batch_status[0]['errors']))
        self.tcex.results_tc('success_count', batch_status[0]['successCount'])
        self.exit_message = 'Sent {} entities in {} job(s).'.format(batch_status[0]['successCount'],
                                                                     len(batch_status))
