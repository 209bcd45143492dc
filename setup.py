# -*- coding: utf-8 -*-
"""Packaging for tcex."""
import io
import os

from setuptools import find_packages, setup

HERE = os.path.abspath(os.path.dirname(__file__))
ABOUT = {}
with io.open(os.path.join(HERE, 'tcex', '__version__.py'), encoding='utf-8') as handle:
    exec(handle.read(), ABOUT)  # pylint: disable=exec-used
with io.open(os.path.join(HERE, 'README.md'), encoding='utf-8') as handle:
    README = handle.read()

setup(
    name='tcex',
    version=ABOUT['__version__'],
    description='Python SDK for writing ThreatConnect Job Apps',
    long_description=README,
    long_description_content_type='text/markdown',
    license='Apache-2.0',
    packages=find_packages(exclude=['tests', 'tests.*', 'bench', 'examples']),
    include_package_data=True,
    package_data={'tcex': ['cli/templates/*', 'cli/templates/**/*']},
    python_requires='>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*',
    install_requires=[
        'requests',
        'six',
        'enum34; python_version < "3.4"',
    ],
    entry_points={'console_scripts': ['tcex = tcex.cli.main:main']},
    classifiers=[
        'Programming Language :: Python :: 2.7',
        'Programming Language :: Python :: 3',
        'Intended Audience :: Developers',
        'Topic :: Security',
    ],
    zip_safe=False,
)
